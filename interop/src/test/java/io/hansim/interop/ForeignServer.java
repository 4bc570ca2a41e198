package io.hansim.interop;

import io.hansim.zigbee.zcl.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * An OTA server that is not hansim's, seen from the {@link InteropRig}: it takes the ZCL frames the
 * PPMID sent it and gives back the ZCL frames it sent the PPMID. Its own clocks may run in wall
 * time; the rig runs the HAN in virtual time and waits for the server only where the server's
 * answer is due (docs/decisions/0011-interop-harness.md).
 */
interface ForeignServer extends AutoCloseable {
    /** Starts the upgrade (the server's Image Notify); returns what it sent. */
    List<Bytes> start() throws Exception;

    /**
     * Hands the server one frame the PPMID sent and returns what it sent in answer so far.
     *
     * @param apsCounter the frame's APS counter (a stack may drop repeats of one, APS duplicate rejection)
     */
    List<Bytes> deliver(Bytes zcl, int apsCounter) throws Exception;

    /** Frames the server sent on its own since the last call, waiting up to {@code wallMillis} for one. */
    List<Bytes> poll(long wallMillis) throws Exception;

    /**
     * True if the server answers on threads of its own, so an answer may come after {@link #deliver}
     * returns; false if {@link #deliver} returns everything the frame caused.
     */
    boolean answersOnItsOwnThreads();

    /** True while the server is working on its own clock (a wall-time wait inside its API). */
    boolean busyOnItsOwnClock();

    /** Tells the server the device has restarted (the device announce a real stack would see). */
    void deviceRestarted() throws Exception;

    /** The server's own verdict on the upgrade once it has one: its status callback or promise. */
    Optional<String> verdict();

    /** True if {@link #verdict()} is the server's word for success. */
    boolean succeeded();

    /** Notes on what the server did, for the interoperability table. */
    List<String> notes();

    @Override
    void close() throws Exception;
}
