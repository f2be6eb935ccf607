package io.jdranspose.controller;

import io.jdranspose.controller.http.ApiCall;
import io.jdranspose.controller.http.ApiProblem;
import io.jdranspose.controller.http.Router;
import java.io.IOException;

/** Parameter routes (reference §3.1, §3.3): raw bytes in and out, descriptions listed. */
final class ParameterEndpoints {
    private final ParameterStore parameters;
    private final ScanDirector director;

    ParameterEndpoints(ParameterStore parameters, ScanDirector director) {
        this.parameters = parameters;
        this.director = director;
    }

    void register(Router router) {
        router.add("POST", "/api/v1/parameter/{name}", this::post)
                .add("GET", "/api/v1/parameter/{name}", this::get)
                .add("GET", "/api/v1/parameters", call -> call.json(200, parameters.descriptions()));
    }

    private void post(ApiCall call) throws IOException {
        String name = call.pathParameter("name");
        parameters.store(name, call.body());
        call.json(200, director.parametersChanged());
    }

    private void get(ApiCall call) throws IOException {
        byte[] value = parameters.value(call.pathParameter("name"));
        if (value == null) {
            throw new ApiProblem(404, "Parameter not found");
        }
        call.bytes(200, "application/x.bytes", value);
    }
}
