package org.recgate.recording;

import java.util.concurrent.CompletableFuture;
import org.recgate.sip.RecorderRequest;
import org.recgate.sip.RecorderResponse;

/**
 * Sends a recorder request outside a client's request (tearing down on call release, or a
 * duplicate left over after a failed start): through the {@code sip-recorder} endpoint, never
 * waiting on the calling thread.
 */
@FunctionalInterface
public interface RecorderGateway {
    CompletableFuture<RecorderResponse> send(RecorderRequest request);
}
