package org.recgate.routes;

/**
 * The route files a route test loads: {@code properties = RouteFiles.LOAD + RouteFiles.AUDIT + ...} in its
 * {@code @CamelMainTest} (annotation values must be constants, hence a trailing comma on each; camel-main skips
 * the empty last entry). The real files of src/main/resources/routes, as the gateway loads them.
 */
final class RouteFiles {

    static final String LOAD = "camel.main.routes-include-pattern=";

    static final String TLIB_LISTENER = "classpath:routes/tlib-listener.camel.yaml,";
    static final String TLIB_DISPATCH = "classpath:routes/tlib-dispatch.camel.yaml,";
    static final String TLIB_ERRORS = "classpath:routes/tlib-errors.camel.yaml,";
    static final String AUDIT = "classpath:routes/audit.camel.yaml,";
    static final String TLIB_USER_EVENTS = "classpath:routes/tlib-user-events.camel.yaml,";
    static final String SCREEN_RECORDER = "classpath:routes/screen-recorder.camel.yaml,";
    static final String RECORDING_CONTROL = "classpath:routes/recording-control.camel.yaml,";
    static final String RECORDING_OUTCOME = "classpath:routes/recording-outcome.camel.yaml,";
    static final String RECORDER_REQUEST = "classpath:routes/recorder-request.camel.yaml,";
    static final String RECORDER_EVENTS = "classpath:routes/recorder-events.camel.yaml,";
    static final String RECORDING_INDICATIONS = "classpath:routes/recording-indications.camel.yaml,";
    static final String ROUTE_CALL = "classpath:routes/route-call.camel.yaml,";
    static final String CALL_FEED = "classpath:routes/call-feed.camel.yaml,";
    static final String CALL_EVENTS = "classpath:routes/call-events.camel.yaml,";
    static final String CALL_CHANGED = "classpath:routes/call-changed.camel.yaml,";
    static final String KAFKA_PUBLISH = "classpath:routes/kafka-publish.camel.yaml,";

    static final String CALL_STATE = "classpath:routes/call-state.camel.yaml,";

    /** What a recording decided, on its way (recording-outcome and what it feeds): indications, recorder requests, Kafka, the state topic. */
    static final String RECORDING_FLOW = RECORDING_OUTCOME + RECORDING_INDICATIONS + RECORDER_REQUEST + KAFKA_PUBLISH + CALL_STATE;
    /** The T-Library call feed into the call registry and what a change does to recordings. */
    static final String CALL_FLOW = CALL_FEED + CALL_CHANGED + TLIB_ERRORS;

    private RouteFiles() {
    }
}
