package io.jdranspose.app.pipeline;

import java.util.concurrent.CountDownLatch;

/** Keeps a component command running until Ctrl-C / SIGTERM, then closes what it started. */
final class UntilStopped {
    private UntilStopped() {
    }

    static void await(AutoCloseable... components) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        stopped.await();
        for (AutoCloseable c : components) {
            try {
                c.close();
            } catch (Exception e) {
                // closing on the way out: nothing left to do with the error
            }
        }
        closed.countDown();
    }
}
