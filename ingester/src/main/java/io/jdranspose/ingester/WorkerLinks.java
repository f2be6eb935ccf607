package io.jdranspose.ingester;

import io.jdranspose.runtime.wire.SharedMemoryDirectory;
import io.jdranspose.runtime.wire.SharedMemoryRing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarding thread's {@link WorkerLink}s, one per registered worker, kept in step with the
 * {@link WorkerDirectory}: workers are connected as soon as they appear (so the first frame does not wait
 * for a connection), links of workers whose key vanished are closed, and the names of the connected ones are
 * published for the member state. Used by the forwarding thread only, except {@link #connected()}.
 */
final class WorkerLinks {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerLinks.class);
    private static final long CONNECTED_CHECK_NANOS = 1_000_000_000L;

    private final WorkerDirectory directory;
    private final String owner;
    private final SharedMemoryDirectory shm;
    private final long ringBytes;
    private final Map<String, WorkerLink> links = new HashMap<>();
    /** Workers a lookup did not find → the directory version then, so each is looked up once per refresh. */
    private final Map<String, Long> unknown = new HashMap<>();
    private long directoryVersion = -1;
    private long checkedAtNanos;
    private volatile List<String> connected = List.of();

    /**
     * @param owner     the ingester's name, in ring file names
     * @param shm       where rings to workers on this host are made; null: none are
     * @param ringBytes data bytes of each ring
     */
    WorkerLinks(WorkerDirectory directory, String owner, SharedMemoryDirectory shm, long ringBytes) {
        this.directory = directory;
        this.owner = owner;
        this.shm = shm;
        this.ringBytes = ringBytes;
    }

    /** Workers connected to, sorted (any thread). */
    List<String> connected() {
        return connected;
    }

    /**
     * The link to {@code worker}, made when needed; a worker missing from the directory snapshot is looked up
     * in Redis directly, at most once per refresh.
     *
     * @return null when the worker is not registered
     */
    WorkerLink get(String worker) {
        WorkerLink link = links.get(worker);
        if (link != null) {
            return link;
        }
        WorkerDirectory.Snapshot snapshot = directory.snapshot();
        String url = snapshot.urls().get(worker);
        if (url == null) {
            Long missingSince = unknown.get(worker);
            if (missingSince != null && missingSince == snapshot.version()) {
                return null;
            }
            url = directory.lookup(worker); // a worker that registered after the last refresh
            if (url == null) {
                unknown.put(worker, snapshot.version());
                return null;
            }
        }
        unknown.remove(worker);
        return connect(worker, url, snapshot);
    }

    /** Whether the directory, refreshed since the link was made, no longer lists the worker at its address. */
    boolean gone(WorkerLink link) {
        WorkerDirectory.Snapshot snapshot = directory.snapshot();
        return snapshot.takenAfter(link.createdAtNanos()) && !link.endpoint().equals(snapshot.urls().get(link.worker()));
    }

    /** Links with parts waiting in their pack. */
    List<WorkerLink> withPacked() {
        List<WorkerLink> packed = new ArrayList<>(2);
        for (WorkerLink link : links.values()) {
            if (link.hasPacked()) {
                packed.add(link);
            }
        }
        return packed;
    }

    /** Forgets every packed part (the scan they belong to was abandoned). */
    void dropPacked() {
        links.values().forEach(WorkerLink::dropPacked);
    }

    void close(WorkerLink link) {
        links.remove(link.worker(), link);
        link.close();
        checkConnectedSoon();
    }

    /** A connection completed or went away: publish the connected workers at the next {@link #refresh()}. */
    void checkConnectedSoon() {
        checkedAtNanos = System.nanoTime() - CONNECTED_CHECK_NANOS;
    }

    /** Follows a new directory snapshot, and about once a second refreshes {@link #connected()}. Cheap when idle. */
    void refresh() {
        WorkerDirectory.Snapshot snapshot = directory.snapshot();
        if (snapshot.version() != directoryVersion) {
            directoryVersion = snapshot.version();
            follow(snapshot);
            checkConnectedSoon();
        }
        long now = System.nanoTime();
        if (now - checkedAtNanos >= CONNECTED_CHECK_NANOS) {
            checkedAtNanos = now;
            List<String> names = new ArrayList<>(links.size());
            for (WorkerLink link : links.values()) {
                if (link.isConnected()) {
                    names.add(link.worker());
                }
            }
            names.sort(null);
            if (!names.equals(connected)) {
                connected = List.copyOf(names);
            }
        }
    }

    private void follow(WorkerDirectory.Snapshot snapshot) {
        for (Map.Entry<String, String> worker : snapshot.urls().entrySet()) {
            WorkerLink link = links.get(worker.getKey());
            if (link == null) {
                connect(worker.getKey(), worker.getValue(), snapshot);
            } else if (!link.endpoint().equals(worker.getValue()) && snapshot.takenAfter(link.createdAtNanos())) {
                LOG.info("worker {} moved to {}; reconnecting", worker.getKey(), worker.getValue());
                link.close();
                connect(worker.getKey(), worker.getValue(), snapshot);
            } else if (!link.usesSharedMemory() && link.endpoint().equals(worker.getValue())) {
                offerSharedMemory(link, snapshot);  // a link a lookup made before the probe was seen
            }
        }
        for (Iterator<WorkerLink> it = links.values().iterator(); it.hasNext(); ) {
            WorkerLink link = it.next();
            // a link made after the snapshot began (by a lookup) may be missing from it without being gone
            if (!snapshot.urls().containsKey(link.worker()) && snapshot.takenAfter(link.createdAtNanos())) {
                LOG.info("worker {} is gone; connection to {} closed", link.worker(), link.endpoint());
                link.close();
                it.remove();
            }
        }
    }

    private WorkerLink connect(String worker, String url, WorkerDirectory.Snapshot snapshot) {
        WorkerLink link = new WorkerLink(worker, url);
        links.put(worker, link);
        offerSharedMemory(link, snapshot);
        return link;
    }

    private void offerSharedMemory(WorkerLink link, WorkerDirectory.Snapshot snapshot) {
        String worker = link.worker();
        if (shm != null && snapshot.sharedMemory().contains(worker) && url(snapshot, worker).equals(link.endpoint())) {
            link.useSharedMemory(() -> makeRing(worker));
        }
    }

    private static String url(WorkerDirectory.Snapshot snapshot, String worker) {
        return snapshot.urls().getOrDefault(worker, "");
    }

    private SharedMemoryRing makeRing(String worker) {
        try {
            SharedMemoryRing ring = shm.createRing(owner, worker, ringBytes);
            ring.file().toFile().deleteOnExit();
            LOG.info("frames too large to pack go to worker {} through shared memory ({})", worker, ring);
            return ring;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot make a shared-memory ring for worker {} in {} ({}); its frames go through the socket",
                    worker, shm, e.toString());
            return null;
        }
    }

    void closeAll() {
        for (WorkerLink link : links.values()) {
            link.close();
        }
        links.clear();
        connected = List.of();
    }
}
