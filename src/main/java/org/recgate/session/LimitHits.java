package org.recgate.session;

import io.micrometer.core.instrument.Counter;
import java.util.EnumMap;
import java.util.Map;
import org.recgate.support.Meters;

/**
 * How often each T-Library limit was reached (docs/security.md, Limits):
 * {@code recgate_tlib_limit_hits_total{limit}}, the label being the setting's name after
 * {@code recgate.tlib.}. Every series is there at zero from start-up.
 */
public final class LimitHits {

    /** The limits, each named as its setting. */
    public enum Limit {
        /** A connection over {@code recgate.tlib.max-connections}, closed at once. */
        MAX_CONNECTIONS("max-connections"),
        /** A connection without a successful RequestRegisterClient within {@code recgate.tlib.register-timeout-ms}, closed. */
        REGISTER_TIMEOUT("register-timeout-ms"),
        /** A request over {@code recgate.tlib.max-requests-per-second}, answered with EventError 58. */
        MAX_REQUESTS_PER_SECOND("max-requests-per-second"),
        /** A RequestRegisterAddress over {@code recgate.tlib.max-dns-per-client}, answered with EventError 58. */
        MAX_DNS_PER_CLIENT("max-dns-per-client");

        private final String setting;

        Limit(String setting) {
            this.setting = setting;
        }

        /** The setting's name after {@code recgate.tlib.}, also the metric's label value. */
        public String setting() {
            return setting;
        }
    }

    private final Map<Limit, Counter> counters = new EnumMap<>(Limit.class);

    public LimitHits(Meters meters) {
        for (Limit limit : Limit.values()) {
            counters.put(limit, meters.counter("recgate.tlib.limit.hits",
                    "Connections closed and requests refused because a T-Library limit was reached,"
                            + " by the setting (recgate.tlib.<limit>)", "limit", limit.setting()));
        }
    }

    public void hit(Limit limit) {
        counters.get(limit).increment();
    }
}
