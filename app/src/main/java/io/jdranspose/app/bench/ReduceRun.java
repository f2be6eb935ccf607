package io.jdranspose.app.bench;

/**
 * One timed run of the publishing loop, with where the CPU went meanwhile.
 *
 * @param perSecond    results published per second
 * @param reducerOnCpu the share of the run the reducer thread was on a CPU (1 = all of it)
 * @param otherCores   CPU used by the rest of the process (server, viewers, GC, JIT), in cores
 * @param seconds      how long the run took
 */
record ReduceRun(double perSecond, double reducerOnCpu, double otherCores, double seconds) {

    /** Runs {@code loop} for {@code results} results on the calling thread and measures it. */
    static ReduceRun measure(PublishingLoop loop, long results) {
        long start = System.nanoTime();
        long processCpu = CpuTime.process();
        long threadCpu = CpuTime.currentThread();
        double perSecond = loop.run(results);
        long wall = System.nanoTime() - start;
        long reducerCpu = CpuTime.currentThread() - threadCpu;
        long otherCpu = CpuTime.process() - processCpu - reducerCpu;
        return new ReduceRun(perSecond, reducerCpu / (double) wall, otherCpu / (double) wall, wall / 1e9);
    }

    /** The faster of two runs. */
    static ReduceRun best(ReduceRun a, ReduceRun b) {
        return a == null || b.perSecond > a.perSecond ? b : a;
    }
}
