package org.recgate.cli;

/** The CLI's command list ({@code help}, and after a command it could not read), as docs/cli.md describes it. */
final class CommandHelp {

    static final String TEXT = """
            Commands, one per line (blank lines and lines starting with # are skipped):
              {"message": "...", ...}                    a JSON message, sent as written
                                                         (AttrReferenceID added to requests that lack one)
              register DN [Share|Private|Monitor]        RequestRegisterAddress
              unregister DN                              RequestUnregisterAddress
              start|stop|pause|resume DN CONNID [k=v ...]
                                                         RequestPrivateService GSIP_RECORD_START|STOP|PAUSE|RESUME,
                                                         k=v pairs in AttrExtensions (record, id, dest, dest2, params)
              query CONNID                               RequestQueryCall
              screen DN start|stop|pause|resume|query|enabled|disabled|paused [CONNID]
                                                         RequestSendEvent of an EventUserEvent {screen-capture: VALUE}
              user-event DN k=v [k=v ...]                RequestSendEvent of an EventUserEvent with that AttrUserData
              route RP CONNID TARGET [k=v ...]           RequestRouteCall, k=v pairs in AttrExtensions
              established CONNID THISDN OTHERDN [ani=.. dnis=.. uuid=..]
                                                         EventEstablished (call feed: no reply)
              released CONNID DN                         EventReleased (call feed: no reply)
              party-changed CONNID THISDN OTHERDN THIRDPARTYDN
                                                         EventPartyChanged (call feed: no reply)
              sleep MS                                   wait MS milliseconds, printing events
              help                                       this list
              quit                                       end the session
            In k=v values %XX is a UTF-8 byte: %20 space, %3D '=', %26 '&', %25 '%'.
            """;

    private CommandHelp() {
    }
}
