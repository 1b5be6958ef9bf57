package org.recgate.sip.session;

/**
 * What an endpoint's options make of one dialect's settings (SIPREC's or MSML's), handed to that
 * dialect's {@link RecorderDialect#perform}. The component builds them from its configuration, so
 * the dialects never see the component's option class (docs/architecture.md, "How the code is laid out").
 */
public interface DialectSettings {
}
