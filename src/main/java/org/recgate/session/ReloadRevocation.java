package org.recgate.session;

import java.util.Optional;
import org.recgate.config.ApplicationConfig;
import org.recgate.config.DnFile;
import org.recgate.tlib.model.Attr;
import org.recgate.tlib.model.ErrorCode;
import org.recgate.tlib.model.Replies;
import org.recgate.tlib.model.TlibMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a DN-file reload takes away from the clients already connected (docs/security.md, "Reload
 * revokes"): a client whose application was removed or whose secret changed gets {@code EventError}
 * 2002 and is closed; the others act under the new entry from now on (its roles and scope), and
 * lose, each with an {@code EventError} 2002 naming the DN, the registrations it no longer allows.
 */
public final class ReloadRevocation {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadRevocation.class);

    private final SessionRegistry sessions;

    public ReloadRevocation(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /** Applies the new file to every registered client (a {@link org.recgate.config.DnDirectory#onReplace} listener). */
    public void apply(DnFile previous, DnFile next) {
        for (ClientSession session : sessions.all()) {
            ApplicationConfig current = session.application();
            if (current != null) {
                apply(session, current, next.application(current.name()));
            }
        }
    }

    private void apply(ClientSession session, ApplicationConfig current, Optional<ApplicationConfig> updated) {
        if (updated.isEmpty()) {
            close(session, "application '" + current.name() + "' was removed from the DN file");
            return;
        }
        if (!updated.get().secret().equals(current.secret())) {
            close(session, "the password of application '" + current.name()
                    + "' changed in the DN file: connect and register again with the new one");
            return;
        }
        session.registeredAs(updated.get());
        for (String dn : session.registrations().keySet()) {
            if (!updated.get().dns().allows(dn) && sessions.unregister(session, dn)) {
                LOG.info("DN file reloaded: {} lost its registration of DN {} (not in its dns any more)", session, dn);
                session.connection().send(Replies.error(null, ErrorCode.NOT_AUTHORIZED, "DN " + dn
                        + " is no longer in the dns of application '" + current.name()
                        + "' (DN file reloaded): its registration was dropped").with(Attr.THIS_DN, dn));
            }
        }
    }

    private void close(ClientSession session, String why) {
        LOG.info("DN file reloaded: closing {}: {}", session, why);
        sessions.close(session);
        session.connection().sendAndClose(Replies.error(null, ErrorCode.NOT_AUTHORIZED, why + "; the connection is closed"));
    }
}
