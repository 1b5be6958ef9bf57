package org.recgate.recording;

/**
 * A client's recording request (RequestPrivateService, docs/recording.md §1 way 3): the call, the
 * DN it acts for, its extensions, who sent it and which recordings that client may control.
 */
public record RecordingCommand(String connectionId, String thisDn, RecordingExtensions extensions, RequestedBy requestedBy,
                               RecordingControl control) {
}
