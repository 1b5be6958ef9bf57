package org.recgate.cli;

import org.recgate.tlib.json.TlibJson;
import org.recgate.tlib.model.TlibMessage;

/** What one input line asks the client to do; {@link CommandParser} makes these from lines. */
sealed interface Command permits Command.Send, Command.Sleep, Command.Help, Command.Quit {

    /**
     * A line to write to the gateway. {@code referenceId} is the AttrReferenceID its reply will
     * echo; {@code null} for call-feed events, which get no reply.
     */
    record Send(String name, String json, Long referenceId) implements Command {

        static Send of(TlibMessage message) {
            return new Send(message.name(), TlibJson.toJson(message), message.referenceId());
        }

        boolean expectsReply() {
            return referenceId != null;
        }
    }

    /** Wait, printing events meanwhile (for scripts that let the gateway act between requests). */
    record Sleep(long millis) implements Command {
    }

    record Help() implements Command {
    }

    record Quit() implements Command {
    }
}
