package io.jdranspose.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdranspose.runtime.control.RedisEndpoint;
import io.jdranspose.runtime.control.RedisKeys;
import io.jdranspose.runtime.control.RedisServerProcess;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Component logs reach the pipeline's Redis log stream, with upstream's fields, and the stream stays capped. */
class RedisLogAppenderTest {
    @Test
    void recordsAreCopiedWithUpstreamFieldsAndTheStreamIsCapped() throws Exception {
        try (RedisServerProcess redis = RedisServerProcess.start();
             RedisEndpoint endpoint = RedisEndpoint.of(redis.url(), new RedisKeys("logtest"))) {
            var log = LoggerFactory.getLogger("io.jdranspose.test.Component");
            var commands = endpoint.connect().sync();
            // keep the 3000 test records off the console: detach the console appenders while they are logged
            var root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            var console = new java.util.ArrayList<ch.qos.logback.core.Appender<ch.qos.logback.classic.spi.ILoggingEvent>>();
            root.iteratorForAppenders().forEachRemaining(console::add);
            console.forEach(root::detachAppender);
            try (RedisLogging ignored = RedisLogging.attach(endpoint, "worker7")) {
                log.debug("not copied: below INFO");
                log.warn("stream {}: dropped frame {}", "eiger", 42);
                for (int i = 0; i < 3000; i++) {
                    log.info("message {}", i);
                }
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (System.nanoTime() < deadline) {
                    var last = commands.xrevrange(endpoint.keys().logs(), io.lettuce.core.Range.create("-", "+"),
                            io.lettuce.core.Limit.from(1));
                    if (!last.isEmpty() && new String(last.get(0).getBody().get("msg"), StandardCharsets.UTF_8)
                            .equals("message 2999")) {
                        break;
                    }
                    Thread.sleep(20);
                }
            } finally {
                console.forEach(root::addAppender);
            }
            long length = commands.xlen(endpoint.keys().logs());
            assertThat(length).as("capped near 1000 (approximate trimming)").isBetween(1000L, 1200L);
            var newest = commands.xrevrange(endpoint.keys().logs(), io.lettuce.core.Range.create("-", "+"),
                    io.lettuce.core.Limit.from(1)).get(0).getBody();
            assertThat(new String(newest.get("msg"), StandardCharsets.UTF_8)).isEqualTo("message 2999");
            assertThat(new String(newest.get("levelname"), StandardCharsets.UTF_8)).isEqualTo("INFO");
            assertThat(new String(newest.get("name"), StandardCharsets.UTF_8)).isEqualTo("io.jdranspose.test.Component");
            assertThat(new String(newest.get("component"), StandardCharsets.UTF_8)).isEqualTo("worker7");
            assertThat(Double.parseDouble(new String(newest.get("created"), StandardCharsets.UTF_8)))
                    .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0));
            assertThat(newest).containsKey("lineno");
        }
    }
}
