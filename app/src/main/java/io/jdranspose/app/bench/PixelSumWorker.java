package io.jdranspose.app.bench;

import io.jdranspose.api.EventData;
import io.jdranspose.api.Parameters;
import io.jdranspose.api.StreamData;
import io.jdranspose.api.Worker;
import io.jdranspose.api.stins.Stins;
import io.jdranspose.api.stins.StinsPacket;

/** The pixel-reading plugin of the replay benchmark: parses each STINS image and sums every pixel. */
public final class PixelSumWorker implements Worker<Long> {
    @Override
    public Long process(EventData event, Parameters parameters) {
        long sum = 0;
        for (StreamData s : event.streams().values()) {
            StinsPacket.Image image = Stins.parse(s).image();
            if (image != null) {
                sum += (long) image.data().sum();
            }
        }
        return sum;
    }
}
