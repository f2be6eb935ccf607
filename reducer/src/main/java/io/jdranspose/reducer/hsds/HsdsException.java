package io.jdranspose.reducer.hsds;

/**
 * A client error with the HTTP status it maps to. Clients look only at the status: h5pyd turns 404 on a
 * link or attribute into {@code KeyError}, and retries 5xx for minutes, so "not there" must never be 500.
 */
final class HsdsException extends RuntimeException {
    private final int status;

    HsdsException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    static HsdsException badRequest(String message) {
        return new HsdsException(400, message);
    }

    static HsdsException notFound(String message) {
        return new HsdsException(404, message);
    }

    static HsdsException tooLarge(String message) {
        return new HsdsException(413, message);
    }
}
