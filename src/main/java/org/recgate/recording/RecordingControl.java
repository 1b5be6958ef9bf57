package org.recgate.recording;

import org.recgate.call.Call;
import org.recgate.tlib.model.TlibException;

/**
 * Which recordings the client behind a request may control (docs/security.md, "Authorization"):
 * a START is refused when the new recording is not one of them; STOP, PAUSE and RESUME act only
 * on those, and are refused when they select recordings but none of them.
 */
public interface RecordingControl {

    /** Whether the requester may control a recording of {@code recordedDn} on {@code call}. */
    boolean mayControl(Call call, String recordedDn);

    /** The refusal (2002) when the request may control none of what it selected. */
    TlibException refused(Call call);
}
