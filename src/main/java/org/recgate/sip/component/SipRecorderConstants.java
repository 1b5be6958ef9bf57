package org.recgate.sip.component;

import org.apache.camel.spi.Metadata;
import org.recgate.sip.DestinationRole;
import org.recgate.sip.RecorderOperation;

/** The headers {@code sip-recorder} sets. */
public final class SipRecorderConstants {

    @Metadata(label = "producer consumer", description = "The recording id the body is about.", javaType = "String")
    public static final String RECORDING_ID = "CamelSipRecorderRecordingId";

    @Metadata(label = "producer", description = "The operation the producer did.",
              javaType = "org.recgate.sip.RecorderOperation")
    public static final String OPERATION = "CamelSipRecorderOperation";

    @Metadata(label = "consumer", description = "The recorder URI whose session ended.", javaType = "String")
    public static final String URI = "CamelSipRecorderUri";

    @Metadata(label = "consumer", description = "The role of the destination whose session ended.",
              javaType = "org.recgate.sip.DestinationRole")
    public static final String ROLE = "CamelSipRecorderRole";

    private SipRecorderConstants() {
    }
}
