package io.jdranspose.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmUpRatesTest {
    /** The warm-up at which the rule stops, or 0 when it would go on. */
    private static int stopsAt(double... rates) {
        WarmUpRates rule = new WarmUpRates();
        for (int i = 0; i < rates.length; i++) {
            if (rule.flatAfter(rates[i])) {
                return i + 1;
            }
        }
        return 0;
    }

    @Test
    void oneSlowerWarmUpBetweenFasterOnesDoesNotStopIt() {
        // bench pipeline at 2 kB today: the seventh was a dip, the eighth the fastest
        assertThat(stopsAt(15_296, 26_670, 37_477, 48_375, 51_832, 58_355, 53_668, 68_000)).isZero();
    }

    @Test
    void twoInARowNotFivePercentAboveTheBestStopIt() {
        // 2 MiB frames: 346 is not 5 % above 335, nor is 341
        assertThat(stopsAt(238, 335, 346, 341, 500)).isEqualTo(4);
        assertThat(stopsAt(100, 100, 100)).isEqualTo(3);
    }

    @Test
    void theBestIncludesFlatWarmUps() {
        // 104 is flat against 100 but becomes the best: 108 is then not 5 % above it
        assertThat(stopsAt(100, 104, 108)).isEqualTo(3);
        assertThat(stopsAt(100, 104, 110, 112)).isZero();
    }
}
