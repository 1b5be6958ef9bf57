package org.recgate.config;

/** DN types of the DN file, as Genesys configuration names them. */
public enum DnType {
    Extension, ACDPosition, Trunk, VoiceTreatmentPort
}
