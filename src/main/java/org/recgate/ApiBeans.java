package org.recgate;

import org.apache.camel.spi.Registry;
import org.recgate.call.CallRegistry;
import org.recgate.config.DnDirectory;
import org.recgate.gateway.api.ApiCredentials;
import org.recgate.gateway.api.ApiErrors;
import org.recgate.gateway.api.ApiQueries;
import org.recgate.gateway.api.ApiRequests;
import org.recgate.recording.RecordingRegistry;
import org.recgate.session.LoginThrottle;
import org.recgate.session.SessionRegistry;
import org.recgate.support.Meters;

/** The steps of the REST API's routes (rest-api.camel.yaml, docs/api.md). */
final class ApiBeans {

    private ApiBeans() {
    }

    static void bind(Registry registry, SessionRegistry sessions, DnDirectory directory, LoginThrottle loginThrottle,
                     Meters meters, CallRegistry calls, RecordingRegistry recordings) {
        registry.bind("apiCredentials", ApiCredentials.counted(directory, loginThrottle, meters));
        registry.bind("apiRequests", new ApiRequests(sessions, calls));
        registry.bind("apiQueries", new ApiQueries(calls, recordings));
        registry.bind("apiErrors", new ApiErrors());
    }
}
