package org.recgate.cli;

import static org.recgate.tlib.model.Attr.*;
import static org.recgate.tlib.model.MessageName.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.recgate.tlib.model.GsipOperation;
import org.recgate.userevent.ScreenCapture;
import org.recgate.tlib.model.RegisterMode;
import org.recgate.tlib.model.TlibException;
import org.recgate.tlib.model.TlibMessage;

/**
 * Turns one input line into a {@link Command}: a JSON request as written, or a short command
 * (see {@link CommandHelp#TEXT}) built into its T-Library message. Every request takes the next
 * AttrReferenceID; the call-feed events take none, because the gateway does not answer them.
 * Arguments are checked only as far as the shape of the command goes: the gateway judges values
 * (DN syntax, connection IDs, extension keys) and says what is wrong in its EventError.
 */
final class CommandParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> SCREEN_CAPTURE_VALUES = java.util.Arrays.stream(ScreenCapture.values())
            .map(ScreenCapture::wireValue).toList();
    private static final Map<String, String> CALL_ATTRIBUTES = Map.of("ani", ANI, "dnis", DNIS, "uuid", CALL_UUID);
    private static final String SCREEN_CAPTURE = ScreenCapture.KEY;

    private final LongSupplier referenceIds;

    /** {@code referenceIds} hands out the AttrReferenceID of each request, one call per request. */
    CommandParser(LongSupplier referenceIds) {
        this.referenceIds = referenceIds;
    }

    /** The command on the line; empty for a blank line or a comment. */
    Optional<Command> parse(String line) throws BadCommandException {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return Optional.empty();
        }
        if (text.startsWith("{")) {
            return Optional.of(json(text));
        }
        List<String> words = List.of(text.split("\\s+"));
        return Optional.of(command(words.get(0).toLowerCase(Locale.ROOT), words.subList(1, words.size())));
    }

    /** The session's first message (docs/protocol.md, Session). */
    Command.Send registerClient(String application, String password) {
        return Command.Send.of(request(REQUEST_REGISTER_CLIENT)
                .with(APPLICATION_NAME, application)
                .with(APPLICATION_PASSWORD, password)
                .with(PROTOCOL_VERSION, 1L));
    }

    /** RequestRegisterAddress from a {@code --register DN[:MODE]} option. */
    Command.Send register(String dnAndMode) throws BadCommandException {
        return register(List.of(dnAndMode.split(":", 2)));
    }

    private Command command(String name, List<String> args) throws BadCommandException {
        return switch (name) {
            case "register" -> register(args);
            case "unregister" -> oneAttribute(REQUEST_UNREGISTER_ADDRESS, THIS_DN, arity(1, 1, args, "unregister DN"));
            case "start", "stop", "pause", "resume" -> privateService(GsipOperation.valueOf(name.toUpperCase(Locale.ROOT)).privateMsgId(), args);
            case "query" -> oneAttribute(REQUEST_QUERY_CALL, CONNECTION_ID, arity(1, 1, args, "query CONNID"));
            case "screen" -> screen(args);
            case "user-event" -> userEvent(args);
            case "route" -> route(args);
            case "established" -> established(args);
            case "released" -> released(arity(2, 2, args, "released CONNID DN"));
            case "party-changed" -> partyChanged(arity(4, 4, args, "party-changed CONNID THISDN OTHERDN THIRDPARTYDN"));
            case "sleep" -> sleep(arity(1, 1, args, "sleep MS").get(0));
            case "help" -> {
                arity(0, 0, args, "help");
                yield new Command.Help();
            }
            case "quit" -> {
                arity(0, 0, args, "quit");
                yield new Command.Quit();
            }
            default -> throw new BadCommandException("unknown command '" + name + "': type help for the commands");
        };
    }

    /** A request of one attribute, taken from the (already checked) single argument. */
    private Command.Send oneAttribute(String name, String attribute, List<String> args) {
        return Command.Send.of(request(name).with(attribute, args.get(0)));
    }

    private Command.Send register(List<String> args) throws BadCommandException {
        arity(1, 2, args, "register DN [Share|Private|Monitor]");
        String mode = args.size() == 2 ? registerMode(args.get(1)) : null;
        return Command.Send.of(request(REQUEST_REGISTER_ADDRESS).with(THIS_DN, args.get(0)).with(REGISTER_MODE, mode));
    }

    private static String registerMode(String value) throws BadCommandException {
        try {
            return RegisterMode.parse(value).wireName();
        } catch (TlibException e) {
            throw new BadCommandException("'" + value + "' is not a register mode: use Share, Private or Monitor");
        }
    }

    private Command.Send privateService(String privateMessage, List<String> args) throws BadCommandException {
        List<String> words = positional(2, args, "start|stop|pause|resume DN CONNID [key=value ...]");
        Map<String, Object> extensions = pairs(args.subList(2, args.size()));
        return Command.Send.of(request(REQUEST_PRIVATE_SERVICE)
                .with(PRIVATE_MSG_ID, privateMessage)
                .with(THIS_DN, words.get(0))
                .with(CONNECTION_ID, words.get(1))
                .with(EXTENSIONS, extensions.isEmpty() ? null : extensions));
    }

    private Command.Send screen(List<String> args) throws BadCommandException {
        String usage = "screen DN " + String.join("|", SCREEN_CAPTURE_VALUES) + " [CONNID]";
        arity(2, 3, args, usage);
        String value = args.get(1).toLowerCase(Locale.ROOT);
        if (!SCREEN_CAPTURE_VALUES.contains(value)) {
            throw new BadCommandException("'" + args.get(1) + "' is not a screen-capture value: " + usage);
        }
        String connectionId = args.size() == 3 ? args.get(2) : null;
        return sendEvent(args.get(0), connectionId, Map.of(SCREEN_CAPTURE, value));
    }

    private Command.Send userEvent(List<String> args) throws BadCommandException {
        String usage = "user-event DN key=value [key=value ...]";
        List<String> words = positional(1, args, usage);
        if (args.size() < 2) {
            throw new BadCommandException("usage: " + usage);
        }
        return sendEvent(words.get(0), null, pairs(args.subList(1, args.size())));
    }

    private Command.Send sendEvent(String dn, String connectionId, Map<String, Object> userData) {
        TlibMessage event = TlibMessage.of(EVENT_USER_EVENT)
                .with(THIS_DN, dn)
                .with(CONNECTION_ID, connectionId)
                .with(USER_DATA, userData);
        return Command.Send.of(request(REQUEST_SEND_EVENT).with(THIS_DN, dn).with(EVENT, event));
    }

    private Command.Send route(List<String> args) throws BadCommandException {
        List<String> words = positional(3, args, "route RP CONNID TARGET [key=value ...]");
        Map<String, Object> extensions = pairs(args.subList(3, args.size()));
        return Command.Send.of(request(REQUEST_ROUTE_CALL)
                .with(THIS_DN, words.get(0))
                .with(CONNECTION_ID, words.get(1))
                .with(OTHER_DN, words.get(2))
                .with(EXTENSIONS, extensions.isEmpty() ? null : extensions));
    }

    private Command.Send established(List<String> args) throws BadCommandException {
        List<String> words = positional(3, args, "established CONNID THISDN OTHERDN [ani=.. dnis=.. uuid=..]");
        TlibMessage event = TlibMessage.of(EVENT_ESTABLISHED)
                .with(CONNECTION_ID, words.get(0))
                .with(THIS_DN, words.get(1))
                .with(OTHER_DN, words.get(2));
        for (Map.Entry<String, Object> pair : pairs(args.subList(3, args.size())).entrySet()) {
            String attribute = CALL_ATTRIBUTES.get(pair.getKey().toLowerCase(Locale.ROOT));
            if (attribute == null) {
                throw new BadCommandException("established takes ani=, dnis= and uuid=, not " + pair.getKey() + "=");
            }
            event.with(attribute, pair.getValue());
        }
        return Command.Send.of(event);
    }

    private static Command.Send released(List<String> words) {
        return Command.Send.of(TlibMessage.of(EVENT_RELEASED)
                .with(CONNECTION_ID, words.get(0))
                .with(THIS_DN, words.get(1)));
    }

    private static Command.Send partyChanged(List<String> words) {
        return Command.Send.of(TlibMessage.of(EVENT_PARTY_CHANGED)
                .with(CONNECTION_ID, words.get(0))
                .with(THIS_DN, words.get(1))
                .with(OTHER_DN, words.get(2))
                .with(THIRD_PARTY_DN, words.get(3)));
    }

    private static Command.Sleep sleep(String millis) throws BadCommandException {
        try {
            long value = Long.parseLong(millis);
            if (value >= 0) {
                return new Command.Sleep(value);
            }
        } catch (NumberFormatException e) {
            // reported below, like a negative number
        }
        throw new BadCommandException("sleep takes milliseconds (0 or more), not '" + millis + "'");
    }

    /** A JSON line: sent as written; a request without AttrReferenceID gets one, events do not. */
    private Command.Send json(String text) throws BadCommandException {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadCommandException("not a JSON object (" + e.getOriginalMessage() + "): nothing sent");
        }
        if (!(root instanceof ObjectNode message)) {
            throw new BadCommandException("not a JSON object: nothing sent");
        }
        String name = message.path(MESSAGE).asText("(no message)");
        if (!name.startsWith("Event") && !message.has(REFERENCE_ID)) {
            message.put(REFERENCE_ID, referenceIds.getAsLong());
        }
        JsonNode referenceId = message.path(REFERENCE_ID);
        return new Command.Send(name, message.toString(),
                referenceId.isIntegralNumber() && referenceId.canConvertToLong() ? referenceId.longValue() : null);
    }

    private TlibMessage request(String name) {
        return TlibMessage.of(name).with(REFERENCE_ID, referenceIds.getAsLong());
    }

    /** {@code key=value} words as a KV list, values %-decoded (a '+' stays a '+', as in SIP URIs). */
    private static Map<String, Object> pairs(List<String> words) throws BadCommandException {
        Map<String, Object> pairs = new LinkedHashMap<>();
        for (String word : words) {
            int equals = word.indexOf('=');
            if (equals < 1) {
                throw new BadCommandException("'" + word + "' is not key=value");
            }
            String key = word.substring(0, equals);
            if (pairs.put(key, percentDecoded(word.substring(equals + 1))) != null) {
                throw new BadCommandException("key '" + key + "' is given twice");
            }
        }
        return pairs;
    }

    private static String percentDecoded(String value) throws BadCommandException {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCommandException("'" + value + "' has a broken %-escape: write %25 for a '%'");
        }
    }

    /** The first {@code count} words, which must be there and must not be key=value pairs. */
    private static List<String> positional(int count, List<String> args, String usage) throws BadCommandException {
        if (args.size() < count || args.subList(0, count).stream().anyMatch(word -> word.contains("="))) {
            throw new BadCommandException("usage: " + usage);
        }
        return args.subList(0, count);
    }

    private static List<String> arity(int min, int max, List<String> args, String usage) throws BadCommandException {
        if (args.size() < min || args.size() > max) {
            throw new BadCommandException("usage: " + usage);
        }
        return args;
    }

    /** A line that is no command: reported on stderr, nothing is sent. */
    static final class BadCommandException extends Exception {
        BadCommandException(String message) {
            super(message, null, false, false);
        }
    }
}
