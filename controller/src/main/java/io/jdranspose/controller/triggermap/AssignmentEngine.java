package io.jdranspose.controller.triggermap;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongUnaryOperator;

/**
 * Decides which real worker gets which frame, with upstream dranspose's semantics
 * ({@code reference/dranspose.md} §1.6), as a pure state machine: no I/O, no threads, no clock.
 * It is not thread-safe; the controller drives it from one thread.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>A virtual worker matches a real worker when its tags are a subset of the worker's tags.</li>
 *   <li>A constraint is claimed by the first matching worker that reaches it, and that worker gets every
 *       frame with that constraint in the same <em>part instance</em> (each occurrence of a part in the
 *       sequence has its own constraint table). As upstream, the table is keyed by the number alone: if a
 *       part gives one constraint different tags in different cells, the worker that matched the first
 *       cell it reached gets all of them.</li>
 *   <li>A {@code null} constraint ("all") gives the frame to every registered matching worker. A worker
 *       joins an event's "all" cells when it scans that event; the event is not fully assigned until
 *       every currently registered matching worker has joined.</li>
 *   <li>Events are published strictly in order: the <em>frontier</em> ({@link #lastAssigned()}) moves over
 *       consecutive fully assigned events, and each call returns the {@link WorkAssignment}s it moved over.
 *       Events whose worker set is empty are published too; the completion tracker completes them at once.</li>
 * </ul>
 *
 * <h2>Credit instead of one call per update</h2>
 * Upstream runs one assignment step per worker READY/IDLE message, and each step grants at most one new
 * constraint. Here a worker {@linkplain #offer offers credit}: each unit buys one <em>grant</em>, which is
 * either one newly claimed constraint or, in an event where it claims nothing, joining that event's "all"
 * cells. Credit 1 per call is exactly upstream's step (join the "all" cells of the first event that has
 * any for the worker, claim at most one constraint, stop after that event). Larger credit lets the
 * distributed controller hand out batches without a round trip per event. Credit that finds nothing to
 * do is kept and used as soon as work appears (the frontier moves, a completion lifts back-pressure, a
 * worker leaves); this replaces upstream's queue of "useless" workers that are retried when a further
 * part is activated.
 *
 * <h2>Limits</h2>
 * <ul>
 *   <li><b>Back-pressure</b>: a worker still holding a published, uncompleted event more than
 *       {@code horizon} events behind the frontier gets nothing (upstream: 5). Upstream compares a global
 *       event number with part-local indices here; this engine uses global numbers throughout.</li>
 *   <li><b>Look-ahead</b>: a worker scans at most {@code lookahead} events past the frontier (upstream:
 *       10 000), so a worker whose tags match nothing does not walk a million-event sequence per call.</li>
 *   <li>While no worker is registered the frontier does not move, so an "all" cell is never published
 *       empty just because nobody has registered yet.</li>
 * </ul>
 * State is kept only for the window between the frontier and the furthest scanned event: constraint tables
 * of part instances behind the frontier and "all"-cell memberships of published events are dropped.
 */
public final class AssignmentEngine {

    /** Upstream's back-pressure horizon. */
    public static final int DEFAULT_HORIZON = 5;
    /** Upstream's look-ahead for workers that find nothing to do. */
    public static final int DEFAULT_LOOKAHEAD = 10_000;

    /**
     * A worker took a constraint: it gets every frame with that constraint in that part instance.
     *
     * @param instance   the part instance the constraint belongs to
     * @param constraint the constraint
     * @param worker     the claiming worker
     */
    public record Claim(PartInstance instance, long constraint, String worker) {
    }

    private static final Consumer<Claim> NO_OBSERVER = claim -> { };

    private final MappingSequence mapping;
    private final int horizon;
    private final int lookahead;
    private final Consumer<Claim> claimObserver;
    private final Map<String, WorkerState> workers = new LinkedHashMap<>();
    /**
     * Workers holding unused credit, in the order their credit arrived (first come, first served): a list
     * linked through {@link WorkerState}, so offering credit allocates nothing.
     */
    private WorkerState firstWithCredit;
    private WorkerState lastWithCredit;
    /** Per part instance (sequence index) still in the window: constraint to claiming worker. */
    private final TreeMap<Integer, LongObjectMap<String>> claims = new TreeMap<>();
    /** The table of {@link #claims} used last, since one instance's events come one after another. */
    private int lastTableIndex = -1;
    private LongObjectMap<String> lastTable;
    /** Per unpublished event: workers that joined its "all" cells. */
    private final LongObjectMap<Set<String>> joined = new LongObjectMap<>();
    /**
     * Published stream maps of events whose every stream goes to one worker, per worker, for the part
     * {@link #soleOwnerPart}: most events of a scan share one of these instead of building their own.
     */
    private final Map<String, StreamWorkers> soleOwnerStreams = new HashMap<>();
    private TriggerMap soleOwnerPart;
    /** The part instance found last, see {@link #instanceOf}. */
    private PartInstance recentInstance;
    private long frontier;

    /** An engine with upstream's horizon (5) and look-ahead (10 000). */
    public AssignmentEngine(MappingSequence mapping) {
        this(mapping, DEFAULT_HORIZON, DEFAULT_LOOKAHEAD);
    }

    /**
     * @param horizon   back-pressure horizon in events; negative disables back-pressure
     * @param lookahead how many events past the frontier a worker may scan, at least 1
     */
    public AssignmentEngine(MappingSequence mapping, int horizon, int lookahead) {
        this(mapping, horizon, lookahead, NO_OBSERVER);
    }

    /**
     * @param horizon       back-pressure horizon in events; negative disables back-pressure
     * @param lookahead     how many events past the frontier a worker may scan, at least 1
     * @param claimObserver told about every claim as it happens, e.g. for logs or the status page (claim
     *                      tables of passed part instances are dropped, so they cannot be read later);
     *                      a constraint released by {@link #removeWorker} is reported again when re-claimed
     */
    public AssignmentEngine(MappingSequence mapping, int horizon, int lookahead, Consumer<Claim> claimObserver) {
        if (lookahead < 1) {
            throw new IllegalArgumentException("lookahead must be at least 1, got " + lookahead);
        }
        this.mapping = mapping;
        this.horizon = horizon;
        this.lookahead = lookahead;
        this.claimObserver = claimObserver;
    }

    /**
     * Registers a worker, or changes the tags of a registered one. A registered worker is from now on
     * needed by every unpublished "all" cell it matches, so register workers only once they will offer
     * credit. Publishes nothing: the frontier moves on the next {@link #offer}.
     */
    public void addWorker(String name, Set<String> tags) {
        WorkerState existing = workers.get(name);
        if (existing != null) {
            existing.setTags(Set.copyOf(tags));
            existing.cursor = frontier;
        } else {
            workers.put(name, new WorkerState(name, Set.copyOf(tags)));
        }
    }

    /**
     * Forgets a worker that left. Unpublished "all" cells stop waiting for it, and constraints it claimed
     * but of which no frame has been published yet are released for others. Constraints of which frames
     * were already published stay with it (the frames after them would otherwise reach a worker that
     * never saw the start of the batch); the controller has to deal with the events such a worker never
     * completes.
     *
     * @return the assignments that became publishable
     */
    public List<WorkAssignment> removeWorker(String name) {
        WorkerState gone = workers.remove(name);
        if (gone == null) {
            return List.of();
        }
        dropCredit(gone);
        joined.forEach((event, members) -> members.remove(name));
        if (releaseUnpublishedClaims(name)) {
            // Released constraints lie behind other workers' cursors; let everyone rescan from the frontier.
            workers.values().forEach(w -> w.cursor = frontier);
        }
        return run();
    }

    /**
     * Gives a worker {@code credit} more grants (see the class comment) and assigns whatever can be
     * assigned now, to this or any other worker holding credit. Credit adds up and unused credit is kept,
     * so a controller re-offering on every heartbeat of an idle worker should do so only while
     * {@link #credit(String)} is 0, or a worker waiting for its tags' part would hoard claims later.
     *
     * @return the assignments that became publishable, in event order
     * @throws IllegalArgumentException if the worker is not registered or credit is not positive
     */
    public List<WorkAssignment> offer(String name, int credit) {
        if (credit < 1) {
            throw new IllegalArgumentException("credit must be positive, got " + credit);
        }
        WorkerState worker = registered(name);
        addCredit(worker, credit);
        return run();
    }

    /**
     * Offers a worker one unit of credit at a time, each exactly as {@code offer(name, 1)}, while it holds
     * fewer than {@code holdLimit} published, unreported events and has no unused credit, and stops at the
     * first unit that publishes nothing (its grant waits for others, or nothing is left). This is how a
     * controller keeps a worker at its credit without overshooting; one call instead of one per event.
     *
     * @return everything the units published, in event order
     * @throws IllegalArgumentException if the worker is not registered
     */
    public List<WorkAssignment> offerUnitsWhileBelow(String name, int holdLimit) {
        WorkerState worker = registered(name);
        var published = new ArrayList<WorkAssignment>();
        while (worker.outstanding.size() < holdLimit && worker.credit == 0) {
            int before = published.size();
            addCredit(worker, 1);
            runInto(published);
            if (published.size() == before) {
                break;
            }
        }
        return published;
    }

    /**
     * Records that a worker finished a published event, which may lift its back-pressure.
     * Reports from unknown workers or for events not assigned to the worker are ignored.
     *
     * @return the assignments that became publishable
     */
    public List<WorkAssignment> completed(String name, long event) {
        WorkerState worker = workers.get(name);
        if (worker == null || !worker.outstanding.remove(event)) {
            return List.of();
        }
        return worker.credit > 0 ? run() : List.of();
    }

    /** Number of events published so far: events {@code 0 .. lastAssigned()-1} are assigned. */
    public long lastAssigned() {
        return frontier;
    }

    /** True once every event of the sequence is published. */
    public boolean allAssigned() {
        return frontier == mapping.totalEvents();
    }

    public MappingSequence mapping() {
        return mapping;
    }

    /** Registered workers and their tags. */
    public Map<String, Set<String>> workers() {
        var view = new LinkedHashMap<String, Set<String>>();
        workers.values().forEach(w -> view.put(w.name, w.tags));
        return Collections.unmodifiableMap(view);
    }

    /** Unused credit of a worker (0 for an unknown worker). */
    public int credit(String name) {
        WorkerState worker = workers.get(name);
        return worker == null ? 0 : worker.credit;
    }

    /**
     * Published events assigned to a worker that it has not reported completed yet (0 for an unknown
     * worker). The controller compares this with the worker's credit before offering more.
     */
    public int outstanding(String name) {
        WorkerState worker = workers.get(name);
        return worker == null ? 0 : worker.outstanding.size();
    }

    /**
     * Constraint owners of the part instances still in the window, keyed by sequence index (upstream's
     * {@code assignment} list in {@code GET /api/v1/status}).
     */
    public Map<Integer, Map<Long, String>> constraintOwners() {
        var copy = new TreeMap<Integer, Map<Long, String>>();
        claims.forEach((index, table) -> {
            var owners = new HashMap<Long, String>();
            table.forEach(owners::put);
            copy.put(index, Map.copyOf(owners));
        });
        return Collections.unmodifiableMap(copy);
    }

    private WorkerState registered(String name) {
        WorkerState worker = workers.get(name);
        if (worker == null) {
            throw new IllegalArgumentException("unknown worker '" + name + "'");
        }
        return worker;
    }

    private void addCredit(WorkerState worker, int credit) {
        worker.credit = Math.addExact(worker.credit, credit);
        if (!worker.holdsCredit) {
            worker.holdsCredit = true;
            worker.previousWithCredit = lastWithCredit;
            if (lastWithCredit == null) {
                firstWithCredit = worker;
            } else {
                lastWithCredit.nextWithCredit = worker;
            }
            lastWithCredit = worker;
        }
    }

    /** Takes a worker off the list of workers holding credit (its credit stays as it is). */
    private void dropCredit(WorkerState worker) {
        if (!worker.holdsCredit) {
            return;
        }
        if (worker.previousWithCredit == null) {
            firstWithCredit = worker.nextWithCredit;
        } else {
            worker.previousWithCredit.nextWithCredit = worker.nextWithCredit;
        }
        if (worker.nextWithCredit == null) {
            lastWithCredit = worker.previousWithCredit;
        } else {
            worker.nextWithCredit.previousWithCredit = worker.previousWithCredit;
        }
        worker.previousWithCredit = null;
        worker.nextWithCredit = null;
        worker.holdsCredit = false;
    }

    /** Grants to workers with credit and moves the frontier until neither makes progress. */
    private List<WorkAssignment> run() {
        var published = new ArrayList<WorkAssignment>();
        runInto(published);
        return published;
    }

    private void runInto(List<WorkAssignment> published) {
        boolean progress;
        do {
            progress = false;
            // Granting changes no one's place in the list; only the worker at hand may leave it.
            for (WorkerState worker = firstWithCredit; worker != null; ) {
                WorkerState next = worker.nextWithCredit;
                progress |= grant(worker);
                if (worker.credit == 0) {
                    dropCredit(worker);
                }
                worker = next;
            }
            // A moved frontier widens the look-ahead window, so parked credit may now find work.
            progress |= advanceFrontier(published);
        } while (progress && firstWithCredit != null);
    }

    /** One scan for one worker, spending at most its credit. Returns whether anything was granted. */
    private boolean grant(WorkerState worker) {
        if (isBackPressured(worker)) {
            return false;
        }
        long windowEnd = Math.min(mapping.totalEvents(), frontier + lookahead);
        long event = Math.max(frontier, worker.cursor);
        PartInstance instance = null;
        int spent = 0;
        boolean creditExhausted = false;
        for (; event < windowEnd; event++) {
            if (instance == null || !instance.contains(event)) {
                instance = instanceOf(event);
            }
            int local = (int) (event - instance.startEvent());
            TriggerMap part = instance.part();
            LongUnaryOperator constraints = part.constraintOfEvent();
            boolean joinedHere;
            int claimedHere;
            if (constraints != null) {
                // each stream's cell is [{"constraint": c}] with the same c: one claim at most, no "all" cell
                joinedHere = false;
                claimedHere = worker.generic && claim(worker, instance, constraints.applyAsLong(local)) ? 1 : 0;
            } else {
                joinedHere = part.hasAllCells() && joinAllCells(worker, part, local, event);
                claimedHere = claimConstraints(worker, instance, local, worker.credit - spent);
            }
            // Joining and claiming in the same event is one grant, as in upstream's single step.
            spent += Math.max(joinedHere ? 1 : 0, claimedHere);
            if (spent >= worker.credit) {
                creditExhausted = true;
                break;
            }
        }
        // Nothing for this worker is left before the cursor: either the scan ran to the window end taking
        // everything it could, or it stopped in `event`, which may still hold more for it.
        worker.cursor = creditExhausted ? event : windowEnd;
        worker.credit -= spent;
        return spent > 0;
    }

    /** The part instance of an event: usually the one found last, so the sequence is rarely searched. */
    private PartInstance instanceOf(long event) {
        PartInstance instance = recentInstance;
        if (instance == null || !instance.contains(event)) {
            instance = mapping.locate(event);
            recentInstance = instance;
        }
        return instance;
    }

    private boolean isBackPressured(WorkerState worker) {
        return horizon >= 0 && !worker.outstanding.isEmpty() && worker.outstanding.first() < frontier - horizon;
    }

    private boolean joinAllCells(WorkerState worker, TriggerMap part, int local, long event) {
        Set<String> members = joined.get(event);
        if (members != null && members.contains(worker.name)) {
            return false;
        }
        List<List<Cell>> cellLists = part.cellLists();
        for (int s = 0, streams = cellLists.size(); s < streams; s++) {
            List<VirtualWorker> vws = cellLists.get(s).get(local).virtualWorkers();
            for (int v = 0, n = vws.size(); v < n; v++) {
                VirtualWorker vw = vws.get(v);
                if (vw.isAll() && vw.matches(worker.tags)) {
                    if (members == null) {
                        members = new HashSet<>();
                        joined.put(event, members);
                    }
                    members.add(worker.name);
                    return true;
                }
            }
        }
        return false;
    }

    private int claimConstraints(WorkerState worker, PartInstance instance, int local, int allowed) {
        List<List<Cell>> cellLists = instance.part().cellLists();
        int claimed = 0;
        for (int s = 0, streams = cellLists.size(); s < streams; s++) {
            List<VirtualWorker> vws = cellLists.get(s).get(local).virtualWorkers();
            for (int v = 0, n = vws.size(); v < n; v++) {
                if (claimed == allowed) {
                    return claimed;
                }
                VirtualWorker vw = vws.get(v);
                if (!vw.isAll() && vw.matches(worker.tags) && claim(worker, instance, vw.constraint())) {
                    claimed++;
                }
            }
        }
        return claimed;
    }

    /** Claims a constraint of a part instance for a worker, unless someone has it; returns whether it did. */
    private boolean claim(WorkerState worker, PartInstance instance, long constraint) {
        if (table(instance.sequenceIndex(), true).putIfAbsent(constraint, worker.name) != null) {
            return false;
        }
        if (claimObserver != NO_OBSERVER) {
            claimObserver.accept(new Claim(instance, constraint, worker.name));
        }
        return true;
    }

    /** The claim table of a part instance; null if it has none and {@code create} is false. */
    private LongObjectMap<String> table(int sequenceIndex, boolean create) {
        if (sequenceIndex == lastTableIndex) {
            return lastTable;
        }
        LongObjectMap<String> table = claims.get(sequenceIndex);
        if (table == null) {
            if (!create) {
                return null;
            }
            table = new LongObjectMap<>();
            claims.put(sequenceIndex, table);
        }
        lastTableIndex = sequenceIndex;
        lastTable = table;
        return table;
    }

    private void dropTable(int sequenceIndex) {
        claims.remove(sequenceIndex);
        if (sequenceIndex == lastTableIndex) {
            lastTableIndex = -1;
            lastTable = null;
        }
    }

    /** Publishes consecutive fully assigned events. Returns whether the frontier moved. */
    private boolean advanceFrontier(List<WorkAssignment> published) {
        if (workers.isEmpty()) {
            return false;
        }
        long start = frontier;
        PartInstance instance = null;
        while (frontier < mapping.totalEvents()) {
            if (instance == null || !instance.contains(frontier)) {
                instance = instanceOf(frontier);
            }
            int local = (int) (frontier - instance.startEvent());
            LongObjectMap<String> table = table(instance.sequenceIndex(), false);
            if (!isFullyAssigned(instance.part(), table, local, frontier)) {
                break;
            }
            WorkAssignment assignment = new WorkAssignment(frontier, streamsOf(instance.part(), table, local, frontier));
            List<String> names = assignment.workerList();
            for (int i = 0, n = names.size(); i < n; i++) {
                WorkerState worker = workers.get(names.get(i));
                if (worker != null) { // null: a departed worker keeping a constraint, see removeWorker
                    worker.outstanding.add(frontier);
                }
            }
            published.add(assignment);
            if (!joined.isEmpty()) {
                joined.remove(frontier);
            }
            frontier++;
            if (frontier == instance.endEvent()) {
                dropTable(instance.sequenceIndex());
            }
        }
        return frontier != start;
    }

    /** Every constraint of the event claimed, and every registered worker an "all" cell matches joined. */
    private boolean isFullyAssigned(TriggerMap part, LongObjectMap<String> table, int local, long event) {
        LongUnaryOperator constraints = part.constraintOfEvent();
        if (constraints != null) {
            return table != null && table.containsKey(constraints.applyAsLong(local));
        }
        List<List<Cell>> cellLists = part.cellLists();
        boolean hasAll = false;
        for (int s = 0, streams = cellLists.size(); s < streams; s++) {
            List<VirtualWorker> vws = cellLists.get(s).get(local).virtualWorkers();
            for (int v = 0, n = vws.size(); v < n; v++) {
                VirtualWorker vw = vws.get(v);
                if (vw.isAll()) {
                    hasAll = true;
                } else if (table == null || !table.containsKey(vw.constraint())) {
                    return false;
                }
            }
        }
        if (!hasAll) {
            return true;
        }
        Set<String> members = joined.get(event);
        for (WorkerState worker : workers.values()) {
            if ((members == null || !members.contains(worker.name)) && anyAllCellMatches(cellLists, local, worker.tags)) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyAllCellMatches(List<List<Cell>> cellLists, int local, Set<String> tags) {
        for (List<Cell> cells : cellLists) {
            for (VirtualWorker vw : cells.get(local).virtualWorkers()) {
                if (vw.isAll() && vw.matches(tags)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The stream map of a fully assigned event. */
    private StreamWorkers streamsOf(TriggerMap part, LongObjectMap<String> table, int local, long event) {
        String sole = soleOwner(part, table, local);
        if (sole != null) {
            if (part != soleOwnerPart) {
                soleOwnerStreams.clear();
                soleOwnerPart = part;
            }
            StreamWorkers streams = soleOwnerStreams.get(sole);
            if (streams == null) {
                streams = StreamWorkers.allTo(part.streamList(), sole);
                soleOwnerStreams.put(sole, streams);
            }
            return streams;
        }
        List<String> streamNames = part.streamList();
        List<List<Cell>> cellLists = part.cellLists();
        Set<String> members = joined.get(event);
        var present = new ArrayList<String>(streamNames.size());
        var workerLists = new ArrayList<List<String>>(streamNames.size());
        for (int s = 0; s < streamNames.size(); s++) {
            Cell cell = cellLists.get(s).get(local);
            if (cell instanceof Cell.Absent) {
                continue;
            }
            var names = new TreeSet<String>();
            for (VirtualWorker vw : cell.virtualWorkers()) {
                if (!vw.isAll()) {
                    names.add(table.get(vw.constraint()));
                } else if (members != null) {
                    for (String member : members) {
                        if (vw.matches(workers.get(member).tags)) {
                            names.add(member);
                        }
                    }
                }
            }
            present.add(streamNames.get(s));
            workerLists.add(List.copyOf(names));
        }
        return StreamWorkers.of(present.toArray(String[]::new), workerLists.toArray(List<?>[]::new));
    }

    /**
     * The one worker that gets every stream of the event, when each stream's cell is one constrained
     * virtual worker and all of them belong to that worker; otherwise null.
     */
    private static String soleOwner(TriggerMap part, LongObjectMap<String> table, int local) {
        LongUnaryOperator constraints = part.constraintOfEvent();
        if (constraints != null) {
            return table.get(constraints.applyAsLong(local));
        }
        List<List<Cell>> cellLists = part.cellLists();
        String sole = null;
        for (int s = 0, streams = cellLists.size(); s < streams; s++) {
            List<VirtualWorker> vws = cellLists.get(s).get(local).virtualWorkers();
            if (vws.size() != 1 || vws.get(0).isAll()) {
                return null; // also null and [] cells: those streams are absent or empty
            }
            String owner = table.get(vws.get(0).constraint());
            if (sole == null) {
                sole = owner;
            } else if (!sole.equals(owner)) {
                return null;
            }
        }
        return sole;
    }

    /**
     * Releases the constraints a departed worker claimed of which no frame is published yet. Only the
     * instance holding the frontier can have published frames of a claimed constraint.
     */
    private boolean releaseUnpublishedClaims(String name) {
        boolean released = false;
        for (var entry : claims.entrySet()) {
            PartInstance instance = mapping.instances().get(entry.getKey());
            released |= entry.getValue().removeIf((constraint, owner) ->
                    owner.equals(name) && !hasPublishedFrame(instance, constraint));
        }
        return released;
    }

    private boolean hasPublishedFrame(PartInstance instance, long constraint) {
        TriggerMap part = instance.part();
        for (long event = instance.startEvent(); event < Math.min(frontier, instance.endEvent()); event++) {
            int local = instance.localIndex(event);
            for (String stream : part.streams()) {
                for (VirtualWorker vw : part.cell(stream, local).virtualWorkers()) {
                    if (!vw.isAll() && vw.constraint() == constraint) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Mutable per-worker bookkeeping. Identity equality: one instance per registered name. */
    private static final class WorkerState {
        final String name;
        Set<String> tags;
        /** Whether the tags hold {@value VirtualWorker#GENERIC}, all a {@code [{"constraint": c}]} cell asks for. */
        boolean generic;
        int credit;
        /** No grant for this worker exists before this event (valid until claims are released). */
        long cursor;
        /** Published events assigned to this worker that it has not reported yet. */
        final OutstandingEvents outstanding = new OutstandingEvents();
        /** On the list of workers holding credit, and its neighbours there. */
        boolean holdsCredit;
        WorkerState previousWithCredit;
        WorkerState nextWithCredit;

        WorkerState(String name, Set<String> tags) {
            this.name = name;
            setTags(tags);
        }

        void setTags(Set<String> tags) {
            this.tags = tags;
            this.generic = tags.contains(VirtualWorker.GENERIC);
        }
    }
}
