package org.recgate.call;

/** Told of every change of the call model, after it happened, on the thread that made it. */
@FunctionalInterface
public interface CallListener {
    void callChanged(CallChange change);
}
