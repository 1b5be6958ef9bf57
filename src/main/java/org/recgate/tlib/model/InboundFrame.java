package org.recgate.tlib.model;

/**
 * What the codec hands the gateway for each line a client sends: a well-formed message, or the
 * reason the line could not be one. Bad input travels as a value, never as an exception, so it
 * is answered like any request and the connection stays open.
 */
public sealed interface InboundFrame permits TlibMessage, FrameError {
}
