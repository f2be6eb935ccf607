package io.jdranspose.app;

import io.jdranspose.runtime.plugin.PluginException;
import io.jdranspose.runtime.recording.RecordingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns the errors a user can fix (bad files, classes, parameters, an unreachable Redis) into one line on stderr and exit code 2,
 * instead of a stack trace. Anything else is a bug and keeps its stack trace.
 */
final class FriendlyErrors implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof PluginException || e instanceof RecordingException || e instanceof IllegalArgumentException
                || e instanceof IOException || e instanceof UncheckedIOException
                || e instanceof io.lettuce.core.RedisConnectionException) {
            cl.getErr().println("jdranspose " + cl.getCommandName() + ": " + e.getMessage());
            return USER_ERROR;
        }
        throw e;
    }
}
