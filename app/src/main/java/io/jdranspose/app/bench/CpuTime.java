package io.jdranspose.app.bench;

import java.lang.management.ManagementFactory;

/** CPU time of the process and of the calling thread, in nanoseconds. */
final class CpuTime {
    private CpuTime() {
    }

    static long process() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static long currentThread() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
