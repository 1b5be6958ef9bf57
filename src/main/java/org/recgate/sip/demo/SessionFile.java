package org.recgate.sip.demo;

/** What {@link RecordingFolder} writes: the JSON of a SIPREC or an MSML session. */
sealed interface SessionFile permits RecordingFile, MsmlFile {
}
