package org.recgate.config;

/** DN types of the DN file, as Genesys configuration names them. */
public enum DnType {
    Extension, ACDPosition, Trunk, VoiceTreatmentPort;

    /**
     * An agent's DN: a call that reaches one has reached an agent, which ends a Trunk's full-time
     * recording (docs/recording.md §1; Genesys: "on a Trunk Group DN it stops when the call goes to an agent").
     */
    public boolean isAgent() {
        return this == Extension || this == ACDPosition;
    }
}
