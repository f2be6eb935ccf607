package io.jdranspose.controller;

import io.jdranspose.runtime.control.ComponentKind;
import io.jdranspose.runtime.control.MemberState;
import io.jdranspose.runtime.control.RedisKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The components registered at one moment (their member keys), each list sorted by name.
 *
 * @param reducers normally one; several only while a restarted reducer overlaps its predecessor
 */
record Ensemble(List<MemberState> ingesters, List<MemberState> workers, List<MemberState> reducers) {

    static final Ensemble EMPTY = new Ensemble(List.of(), List.of(), List.of());

    Ensemble {
        ingesters = List.copyOf(ingesters);
        workers = List.copyOf(workers);
        reducers = List.copyOf(reducers);
    }

    /** The reducer, or null when none is registered. */
    MemberState reducer() {
        return reducers.isEmpty() ? null : reducers.get(0);
    }

    /** Every stream some registered ingester serves. */
    Set<String> availableStreams() {
        var streams = new TreeSet<String>();
        ingesters.forEach(i -> streams.addAll(i.streams()));
        return streams;
    }

    /** Ingesters, workers and reducers. */
    List<MemberState> all() {
        var all = new ArrayList<MemberState>(ingesters.size() + workers.size() + reducers.size());
        all.addAll(ingesters);
        all.addAll(workers);
        all.addAll(reducers);
        return all;
    }

    /** The member key of a registered component. */
    static String keyOf(RedisKeys keys, MemberState member) {
        return keys.member(kindOf(member), member.name());
    }

    static ComponentKind kindOf(MemberState member) {
        return ComponentKind.valueOf(member.kind().toUpperCase(java.util.Locale.ROOT));
    }

    /** e.g. {@code worker 'w1'}, for messages. */
    static String describe(MemberState member) {
        return member.kind() + " '" + member.name() + "'";
    }
}
