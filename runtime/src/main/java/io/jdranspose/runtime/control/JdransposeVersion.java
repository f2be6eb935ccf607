package io.jdranspose.runtime.control;

/** The version components report in their member state. */
public final class JdransposeVersion {
    private JdransposeVersion() {
    }

    public static String get() {
        String v = JdransposeVersion.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
