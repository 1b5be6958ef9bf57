package org.recgate.sip;

/**
 * Something a recorder did on its own, delivered by a {@code sip-recorder:} consumer: the
 * destination of the recording ended (BYE from the recorder, an MSML dialog exit the gateway did
 * not ask for, or a dialog that stopped answering).
 *
 * @param recordingId the recording
 * @param uri         the destination's recorder URI
 * @param role        primary or duplicate
 * @param sipStatus   the status that ended it, when there was one
 * @param reason      plain words: "recorder sent BYE", "msml.dialog.exit", ...
 */
public record RecorderEvent(String recordingId, String uri, DestinationRole role, Integer sipStatus, String reason) {
}
