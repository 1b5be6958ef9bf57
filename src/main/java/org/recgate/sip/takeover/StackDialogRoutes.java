package org.recgate.sip.takeover;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.Route;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.stack.SIPDialog;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.text.ParseException;
import java.util.List;
import javax.sip.Dialog;

/**
 * Puts a dialog's stored route set back into the dialog JAIN-SIP made from the takeover
 * re-INVITE. The stack takes that re-INVITE for a dialog-creating INVITE and learns the route set
 * from the Record-Route of its 2xx (RFC 3261 §12.1.2); a proxy that record-routes only initial
 * requests leaves none there, and the stack would then send the ACK and every later request
 * straight to the remote target, past the proxy. RFC 3261 §12.2.1.2 says the route set never
 * changes after the dialog is set up, so the stored one is put back, before the ACK.
 * <p>
 * No public API sets a dialog's route set: this calls the package-private
 * {@code SIPDialog.setRouteList} of jain-sip-ri 1.3.0-91 (docs/durable-state.md §5), found
 * once, so a stack without it fails at the first takeover with a clear message.
 */
public final class StackDialogRoutes {

    private static final Method SET_ROUTE_LIST = setRouteList();

    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();

    /** Sets the route set of {@code dialog} (a gov.nist {@code SIPDialog}) to {@code routes}, in order. */
    public void restore(Dialog dialog, List<String> routes) throws ParseException {
        if (!(dialog instanceof SIPDialog sipDialog)) {
            throw new IllegalArgumentException("not a jain-sip-ri dialog: " + dialog.getClass().getName());
        }
        if (SET_ROUTE_LIST == null) {
            throw new IllegalStateException("this JAIN-SIP has no SIPDialog.setRouteList(RouteList): a dialog's "
                    + "route set cannot be restored (see docs/durable-state.md §5)");
        }
        RouteList list = new RouteList();
        for (String route : routes) {
            list.add((Route) headers.createHeader(Route.NAME, route));
        }
        try {
            SET_ROUTE_LIST.invoke(sipDialog, list);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot restore the route set of dialog " + dialog.getDialogId(), e);
        }
    }

    private static Method setRouteList() {
        try {
            Method method = SIPDialog.class.getDeclaredMethod("setRouteList", RouteList.class);
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }
}
