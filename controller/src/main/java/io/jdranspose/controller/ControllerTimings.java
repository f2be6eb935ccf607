package io.jdranspose.controller;

import java.time.Duration;

/**
 * The controller's waits that are not part of {@link ControllerConfig}: fixed in production
 * ({@link #DEFAULT}), shortened by tests that would otherwise sit through them.
 *
 * @param switchWait how long an upload waits for every registered component to switch to the new scan
 * @param lockRenew  how often the lock is renewed (and a lost lock noticed); well below its 10 s expiry
 */
record ControllerTimings(Duration switchWait, Duration lockRenew) {
    static final ControllerTimings DEFAULT = new ControllerTimings(Duration.ofSeconds(10), Duration.ofSeconds(3));

    ControllerTimings {
        if (lockRenew.compareTo(ControllerLock.TTL.dividedBy(2)) > 0) {
            throw new IllegalArgumentException("the lock must be renewed at least twice per expiry, got " + lockRenew);
        }
    }

    ControllerTimings withSwitchWait(Duration wait) {
        return new ControllerTimings(wait, lockRenew);
    }

    ControllerTimings withLockRenew(Duration renew) {
        return new ControllerTimings(switchWait, renew);
    }
}
