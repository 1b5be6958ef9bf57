package org.recgate.session;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.recgate.config.ApplicationConfig;
import org.recgate.config.DnScope;
import org.recgate.config.Role;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.TlibException;
import org.recgate.userevent.ScreenCapture;

/**
 * Who may do what: the one authorization table every request kind is checked against
 * (docs/security.md, "Authorization"; docs/protocol.md, Authorization). A refusal is
 * {@code EventError} 2002 with a plain message, audited like every answer.
 */
public final class Permissions {

    /** What a client asks to do, and the roles that may do it (the table's rows). */
    public enum Action {
        CALL_EVENT("send call events (EventEstablished, EventPartyChanged, EventReleased)", Role.SWITCH),
        ROUTE_CALL("send RequestRouteCall", Role.SWITCH, Role.ROUTER, Role.SUPERVISOR),
        RECORDING_CONTROL("send RequestPrivateService (recording control)", Role.DESKTOP, Role.SUPERVISOR),
        SCREEN_CAPTURE_COMMAND("send screen-capture commands (start, stop, pause, resume, query)", Role.DESKTOP, Role.SUPERVISOR),
        SCREEN_CAPTURE_INDICATION("send screen-capture indications (enabled, disabled, paused)", Role.VENDOR),
        USER_EVENT("send user events", Role.DESKTOP, Role.SUPERVISOR, Role.VENDOR);

        private final String what;
        private final Set<Role> roles;

        Action(String what, Role first, Role... others) {
            this.what = what;
            this.roles = EnumSet.of(first, others);
        }

        public Set<Role> roles() {
            return roles;
        }
    }

    private Permissions() {
    }

    /** 2002 unless the client's application has one of the action's roles. */
    public static void check(ClientSession session, Action action) {
        if (action.roles.stream().noneMatch(session::has)) {
            throw refused("application '" + session.applicationName() + "' (" + rolesOf(session) + ") may not "
                    + action.what + ": that needs the " + names(action.roles) + " role in the DN file");
        }
    }

    /** The user event's action: a screen-capture command, an indication, or an ordinary event. */
    public static void checkUserEvent(ClientSession session, String screenCapture) {
        ScreenCapture.Kind kind = ScreenCapture.parse(screenCapture).map(ScreenCapture::kind)
                .orElse(screenCapture == null ? ScreenCapture.Kind.OTHER : null);
        if (kind == null) {
            return; // not a screen-capture value: the route refuses it (53)
        }
        check(session, switch (kind) {
            case REQUEST -> Action.SCREEN_CAPTURE_COMMAND;
            case INDICATION -> Action.SCREEN_CAPTURE_INDICATION;
            case OTHER -> Action.USER_EVENT;
        });
    }

    /** RequestRegisterAddress: the DN must be in the application's scope ({@code dns} of its entry). */
    public static void checkMayRegister(ClientSession session, String dn) {
        DnScope scope = scopeOf(session);
        if (!scope.allows(dn)) {
            throw refused("application '" + session.applicationName() + "' may not register DN " + dn
                    + ": its dns in the DN file are " + scope);
        }
    }

    /**
     * Whether the client may control a recording of {@code recordedDn} on a call with these parties:
     * a desktop when one of the DNs it acts for (Share or Private) is a party; a supervisor when the
     * recorded DN is in its scope.
     */
    public static boolean mayControl(ClientSession session, Collection<String> parties, String recordedDn) {
        if (session.has(Role.DESKTOP) && parties.stream().anyMatch(session::actsFor)) {
            return true;
        }
        return session.has(Role.SUPERVISOR) && scopeOf(session).allows(recordedDn);
    }

    /** The refusal when a recording request selects only recordings the client may not control. */
    public static TlibException mayNotControl(ClientSession session, String connectionId) {
        return refused("application '" + session.applicationName() + "' may not control the recordings of call "
                + connectionId + ": a desktop controls the calls of DNs it registered, a supervisor those of the DNs"
                + " in its scope");
    }

    /** RequestQueryCall: the client registered a party of the call (any mode), or supervises one. */
    public static void checkMayQuery(ClientSession session, String connectionId, Collection<String> parties) {
        if (parties.stream().anyMatch(dn -> session.registration(dn) != null)) {
            return;
        }
        if (session.has(Role.SUPERVISOR) && parties.stream().anyMatch(scopeOf(session)::allows)) {
            return;
        }
        throw refused("application '" + session.applicationName() + "' may not query call " + connectionId
                + ": register one of its DNs first (or be a supervisor of one)");
    }

    /**
     * The REST API's queries (docs/api.md): an application with the desktop or supervisor role sees
     * the calls that have a party in its DN scope.
     */
    public static boolean maySee(ApplicationConfig application, Collection<String> parties) {
        return (application.has(Role.DESKTOP) || application.has(Role.SUPERVISOR)) && parties.stream().anyMatch(application.dns()::allows);
    }

    /** 2002 unless the application may query calls over the REST API (desktop or supervisor). */
    public static void checkMayQuery(ApplicationConfig application) {
        if (!application.has(Role.DESKTOP) && !application.has(Role.SUPERVISOR)) {
            throw refused("application '" + application.name() + "' may not query calls and recordings: that needs the"
                    + " desktop or supervisor role in the DN file");
        }
    }

    private static DnScope scopeOf(ClientSession session) {
        ApplicationConfig application = session.application();
        return application == null ? DnScope.ANY : application.dns();
    }

    private static String rolesOf(ClientSession session) {
        ApplicationConfig application = session.application();
        return application == null || application.roles().isEmpty() ? "no roles" : "roles: " + application.roles().stream().sorted().map(Role::wireName).collect(Collectors.joining(", "));
    }

    private static String names(Set<Role> roles) {
        return roles.stream().sorted().map(Role::wireName).collect(Collectors.joining(" or "));
    }

    private static TlibException refused(String message) {
        return new TlibException(ErrorCode.NOT_AUTHORIZED, message);
    }
}
