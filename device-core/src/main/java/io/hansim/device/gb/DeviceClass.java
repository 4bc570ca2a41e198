package io.hansim.device.gb;

/**
 * What kind of HAN device an OTA client is, as far as the CH's OTA policy cares (requirements R7.1,
 * R7.2): PPMIDs, HCALCS and — SR 11.1 — ESMEs and GSMEs are upgraded over the air; IHDs are excluded.
 */
public enum DeviceClass {
    /** Prepayment meter interface device: OTA client, activation on download (R7.4). */
    PPMID,
    /** HAN-connected auxiliary load control switch: OTA client, activation by CS06 (R7.5). */
    HCALCS,
    /** Electricity meter taking firmware from the CH (SR 11.1), activation by CS06 (SR 11.3, G.7). */
    ESME,
    /** Gas meter taking firmware from the CH through its wake-ups (SR 11.1), activation by CS06 (G.7). */
    GSME,
    /** In-home display: no OTA path (R7.2); never notified, answered NO_IMAGE_AVAILABLE. */
    IHD,
    /** Anything else, and every client the CH application has not registered. */
    OTHER
}
