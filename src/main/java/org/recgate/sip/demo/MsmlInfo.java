package org.recgate.sip.demo;

import java.util.List;

/** What one MSML INFO body (RFC 5707) asks the demo recorder, as {@link MsmlInfoReader} read it. */
sealed interface MsmlInfo {

    /**
     * {@code <dialogstart target= name=>} with its {@code <record>} elements (directly inside or in
     * a {@code <group>}) and the gateway's {@code <rg:tlib>} values.
     *
     * @param target      the connection, {@code conn:<To-tag>}
     * @param name        the dialog's name
     * @param records     the records, in document order
     * @param description what {@code <rg:tlib>} said, or the description before when it is missing
     */
    record DialogStart(String target, String name, List<MsmlFile.Record> records, RecordingDescription description)
            implements MsmlInfo {

        public DialogStart {
            records = List.copyOf(records);
        }
    }

    /**
     * One or more {@code <send event= target=/>} with the same event.
     *
     * @param event   e.g. {@code pause}, {@code resume}, {@code terminate}
     * @param targets e.g. {@code conn:X/dialog:rec/record.r1}, in document order
     */
    record Send(String event, List<String> targets) implements MsmlInfo {

        public Send {
            targets = List.copyOf(targets);
        }
    }

    /**
     * {@code <dialogend id=/>}.
     *
     * @param id the dialog, {@code conn:<To-tag>/dialog:<name>}
     */
    record DialogEnd(String id) implements MsmlInfo {
    }
}
