package io.jdranspose.controller;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdranspose.controller.http.ApiCall;
import io.jdranspose.controller.http.Router;
import io.jdranspose.runtime.control.ControlJson;
import io.jdranspose.runtime.control.JdransposeVersion;
import io.jdranspose.runtime.control.ParameterHash;
import java.io.IOException;
import java.util.Map;

/** {@code GET /api/v1/config}: upstream's EnsembleState built from the member keys. */
final class EnsembleEndpoints {
    private final MemberDirectory members;
    private final ParameterStore parameters;

    EnsembleEndpoints(MemberDirectory members, ParameterStore parameters) {
        this.members = members;
        this.parameters = parameters;
    }

    void register(Router router) {
        router.add("GET", "/api/v1/config", this::config);
    }

    private void config(ApiCall call) throws IOException {
        Ensemble ensemble = members.recent();
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("ingesters", ControlJson.MAPPER.valueToTree(ensemble.ingesters()));
        node.set("workers", ControlJson.MAPPER.valueToTree(ensemble.workers()));
        node.set("reducer", ControlJson.MAPPER.valueToTree(ensemble.reducer()));
        node.put("controller_version", JdransposeVersion.get());
        Map<String, String> versions = parameters.versions();
        node.set("parameters_version", ControlJson.MAPPER.valueToTree(versions));
        node.put("parameters_hash", ParameterHash.of(versions));
        call.json(200, node);
    }
}
