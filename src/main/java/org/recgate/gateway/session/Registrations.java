package org.recgate.gateway.session;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.recgate.config.ApplicationConfig;
import org.recgate.config.DnDirectory;
import org.recgate.gateway.TlibExchange;
import org.recgate.session.ClientSession;
import org.recgate.session.LoginThrottle;
import org.recgate.session.Permissions;
import org.recgate.session.DnLimit;
import org.recgate.session.SessionRegistry;
import org.recgate.support.Meters;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.MessageName;
import org.recgate.tlib.model.RegisterMode;
import org.recgate.tlib.model.Replies;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;
import org.recgate.userevent.ScreenCapture;
import org.recgate.userevent.ScreenCaptureStates;

/**
 * {@code RequestRegisterClient}, {@code RequestRegisterAddress} and {@code RequestUnregisterAddress}
 * (docs/protocol.md, Session), steps of the dispatch route. Each returns the reply; the route sends it.
 * A failed {@code RequestRegisterClient} counts towards its address's lockout ({@link LoginThrottle};
 * docs/security.md, "Login throttling").
 */
public record Registrations(SessionRegistry sessions, DnDirectory directory, ServerInfo serverInfo,
                            ScreenCaptureStates screenCaptureStates, LoginFailures loginFailures, DnLimit dnLimit) {

    public Registrations(SessionRegistry sessions, DnDirectory directory, ServerInfo serverInfo,
                         ScreenCaptureStates screenCaptureStates, LoginThrottle throttle, DnLimit dnLimit, Meters meters) {
        this(sessions, directory, serverInfo, screenCaptureStates, LoginFailures.counted(throttle, meters), dnLimit);
    }

    public TlibMessage registerClient(@ExchangeProperty(TlibExchange.SESSION) ClientSession session,
                                      @Body TlibMessage request) {
        checkProtocolVersion(request);
        String name = request.require(Attr.APPLICATION_NAME);
        String source = LoginThrottle.sourceOf(session.remoteAddress());
        loginFailures.checkNotLockedOut(source);
        ApplicationConfig application = directory.application(name).orElseThrow(() -> loginFailures.failed(source,
                "application '" + name + "' is not configured in the DN file"
                        + " (applications section): use a configured application name"));
        if (!application.acceptsPassword(request.string(Attr.APPLICATION_PASSWORD))) {
            throw loginFailures.failed(source, "wrong or missing AttrApplicationPassword for application '" + name + "'");
        }
        String current = session.applicationName();
        if (current != null && !current.equals(name)) {
            throw new TlibException(ErrorCode.INVALID_ATTRIBUTE, "this connection is already registered as '"
                    + current + "': open a new connection to register as '" + name + "'");
        }
        session.registeredAs(application);
        return Replies.replyTo(request, MessageName.EVENT_SERVER_INFO)
                .with(Attr.SERVER_NAME, serverInfo.serverName())
                .with(Attr.SERVER_VERSION, serverInfo.serverVersion())
                .with(Attr.PROTOCOL_VERSION, (long) serverInfo.protocolVersion())
                .with(Attr.CLIENT_ID, session.clientId());
    }

    private void checkProtocolVersion(TlibMessage request) {
        if (request.has(Attr.PROTOCOL_VERSION) && request.number(Attr.PROTOCOL_VERSION) != serverInfo.protocolVersion()) {
            throw TlibException.closing(ErrorCode.CLIENT_NOT_REGISTERED, "AttrProtocolVersion "
                    + request.number(Attr.PROTOCOL_VERSION) + " is not supported: this gateway speaks version "
                    + serverInfo.protocolVersion());
        }
    }

    public TlibMessage registerAddress(@ExchangeProperty(TlibExchange.SESSION) ClientSession session,
                                       @Body TlibMessage request) {
        String dn = request.require(Attr.THIS_DN);
        RegisterMode mode = request.has(Attr.REGISTER_MODE)
                ? RegisterMode.parse(request.string(Attr.REGISTER_MODE)) : RegisterMode.SHARE;
        Permissions.checkMayRegister(session, dn);
        dnLimit.check(session, dn);
        sessions.register(session, dn, mode);
        Map<String, Object> extensions = new LinkedHashMap<>();
        screenCaptureStates.stateOf(dn).ifPresent(state -> extensions.put(ScreenCapture.KEY, state.wireValue()));
        return Replies.replyTo(request, MessageName.EVENT_REGISTERED)
                .with(Attr.THIS_DN, dn)
                .with(Attr.REGISTER_MODE, mode.wireName())
                .with(Attr.EXTENSIONS, extensions);
    }

    public TlibMessage unregisterAddress(@ExchangeProperty(TlibExchange.SESSION) ClientSession session,
                                         @Body TlibMessage request) {
        String dn = request.require(Attr.THIS_DN);
        if (!sessions.unregister(session, dn)) {
            throw new TlibException(ErrorCode.NOT_REGISTERED, "DN " + dn + " is not registered by this client");
        }
        return Replies.replyTo(request, MessageName.EVENT_UNREGISTERED).with(Attr.THIS_DN, dn);
    }
}
