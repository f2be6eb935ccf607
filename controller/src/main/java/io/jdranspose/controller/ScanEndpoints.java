package io.jdranspose.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdranspose.controller.http.ApiCall;
import io.jdranspose.controller.http.ApiProblem;
import io.jdranspose.controller.http.Router;
import io.jdranspose.controller.triggermap.MappingSequence;
import io.jdranspose.controller.triggermap.SardanaHookRequest;
import io.jdranspose.controller.triggermap.TriggerMapException;
import io.jdranspose.controller.triggermap.TriggerMapJson;
import java.io.IOException;
import java.util.List;

/**
 * The scan routes of upstream's API (reference §3.1): upload a trigger map (sequence, legacy mapping,
 * sardana hook), read it back, stop, and follow progress, status and load.
 */
final class ScanEndpoints {
    private final ScanDirector director;
    private final MemberDirectory members;

    ScanEndpoints(ScanDirector director, MemberDirectory members) {
        this.director = director;
        this.members = members;
    }

    void register(Router router) {
        router.add("POST", "/api/v1/sequence", this::postSequence)
                .add("GET", "/api/v1/sequence", this::getMapping)
                .add("POST", "/api/v1/mapping", this::postMapping)
                .add("GET", "/api/v1/mapping", this::getMapping)
                .add("POST", "/api/v1/sardana_hook", this::postSardanaHook)
                .add("POST", "/api/v1/stop", this::stop)
                .add("GET", "/api/v1/progress", call -> call.json(200, director.progress()))
                .add("GET", "/api/v1/status", this::status)
                .add("GET", "/api/v1/load", this::load);
    }

    private void postSequence(ApiCall call) throws IOException, InterruptedException {
        boolean allWrap = call.booleanQuery("all_wrap", true);
        MappingSequence mapping = parsed(() -> TriggerMapJson.parseSequence(call.body(), allWrap));
        call.json(200, director.start(mapping));
    }

    private void postMapping(ApiCall call) throws IOException, InterruptedException {
        boolean allWrap = call.booleanQuery("all_wrap", true);
        MappingSequence mapping = parsed(() -> TriggerMapJson.parseMapping(call.body(), allWrap));
        call.json(200, director.start(mapping));
    }

    private void postSardanaHook(ApiCall call) throws IOException, InterruptedException {
        boolean allWrap = call.booleanQuery("all_wrap", true);
        JsonNode body = parsed(() -> TriggerMapJson.readTree(call.body()));
        SardanaHookRequest request = parsed(() -> SardanaHookRequest.parse(body));
        switch (request) {
            case SardanaHookRequest.Declined declined -> call.json(200, declined.reason());
            case SardanaHookRequest.Scan scan -> {
                List<String> available = List.copyOf(members.read().availableStreams());
                MappingSequence mapping = parsed(() -> scan.toMapping(available, allWrap));
                call.json(200, director.start(mapping));
            }
        }
    }

    private void getMapping(ApiCall call) throws IOException {
        call.json(200, TriggerMapJson.readback(director.current().mapping()));
    }

    private void stop(ApiCall call) throws IOException {
        director.stop();
        call.json(200, null);
    }

    private void status(ApiCall call) throws IOException {
        ScanDirector.CurrentScan scan = director.current();
        if (scan.run() != null) {
            call.json(200, scan.run().status());
        } else {
            call.json(200, new ScanLedger(scan.mapping(), System.nanoTime()).status());
        }
    }

    private void load(ApiCall call) throws IOException {
        List<Integer> intervals = call.integerQueryAll("intervals");
        if (intervals.isEmpty()) {
            intervals = List.of(1, 10);
        }
        boolean scanInterval = call.booleanQuery("scan", true);
        ScanRun run = director.current().run();
        call.json(200, run == null ? java.util.Map.of() : run.load(intervals, scanInterval));
    }

    /** What a parser throws for a bad body. */
    @FunctionalInterface
    private interface Parse<T> {
        T get() throws IOException;
    }

    /** Runs a parser; a bad trigger map or body is the client's error: 422 with the parser's message. */
    private static <T> T parsed(Parse<T> parse) throws IOException {
        try {
            return parse.get();
        } catch (TriggerMapException e) {
            throw new ApiProblem(422, e.getMessage());
        }
    }
}
