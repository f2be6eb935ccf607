package io.jdranspose.controller.http;

/**
 * A request the controller refuses, with the HTTP status and the text that goes into the FastAPI-style
 * answer {@code {"detail": "..."}}. The text is shown to whoever called the API, so it says what is wrong
 * and, where it can, what to do.
 */
public final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiProblem(int status, String detail) {
        super(detail);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
