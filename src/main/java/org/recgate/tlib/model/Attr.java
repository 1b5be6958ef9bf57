package org.recgate.tlib.model;

/** Attribute names as T-Library uses them (docs/protocol.md). */
public final class Attr {
    public static final String MESSAGE = "message";
    public static final String REFERENCE_ID = "AttrReferenceID";
    public static final String EVENT_SEQUENCE_NUMBER = "AttrEventSequenceNumber";
    public static final String TIME_IN_SECS = "AttrTimeinSecs";
    public static final String TIME_IN_USECS = "AttrTimeinuSecs";
    public static final String APPLICATION_NAME = "AttrApplicationName";
    public static final String APPLICATION_PASSWORD = "AttrApplicationPassword";
    public static final String PROTOCOL_VERSION = "AttrProtocolVersion";
    public static final String SERVER_NAME = "AttrServerName";
    public static final String SERVER_VERSION = "AttrServerVersion";
    public static final String CLIENT_ID = "AttrClientID";
    public static final String THIS_DN = "AttrThisDN";
    public static final String OTHER_DN = "AttrOtherDN";
    public static final String THIRD_PARTY_DN = "AttrThirdPartyDN";
    public static final String REGISTER_MODE = "AttrRegisterMode";
    public static final String CONNECTION_ID = "AttrConnectionID";
    public static final String PREVIOUS_CONN_ID = "AttrPreviousConnID";
    public static final String CALL_UUID = "AttrCallUUID";
    public static final String CALL_TYPE = "AttrCallType";
    public static final String ANI = "AttrANI";
    public static final String DNIS = "AttrDNIS";
    public static final String PRIVATE_MSG_ID = "AttrPrivateMsgID";
    public static final String USER_DATA = "AttrUserData";
    public static final String EXTENSIONS = "AttrExtensions";
    public static final String REASONS = "AttrReasons";
    public static final String EVENT = "AttrEvent";
    public static final String ERROR_CODE = "AttrErrorCode";
    public static final String ERROR_MESSAGE = "AttrErrorMessage";

    private Attr() {
    }
}
