package io.hansim.zigbee.zcl;

/**
 * The ZCL answer rules, written once (ZCL r8 §2.5.12 and §2.4.12): who gets a Default Response and what an
 * answer's header looks like. The device layer's endpoint applies them to every cluster it hosts; a
 * sans-I/O machine that answers on its own cluster uses the same two functions, so a Basic read, a
 * tenancy query and an OTA command are answered by one set of rules.
 *
 * <ul>
 *   <li>Never answer a broadcast, nor a Default Response, nor (for SUCCESS) a frame whose sender set
 *       "disable default response".</li>
 *   <li>An answer reverses the direction, echoes the transaction sequence number and keeps the
 *       manufacturer-specific flag and code of the request (a manufacturer's command is answered in its
 *       manufacturer's frame), and disables a Default Response to itself.</li>
 * </ul>
 */
public final class ZclAnswers {
    private ZclAnswers() {
    }

    /** Whether a Default Response with {@code status} may go back to a frame with header {@code request}. */
    public static boolean mayDefaultRespond(ZclHeader request, boolean broadcast, ZclStatus status) {
        if (broadcast) {
            return false;
        }
        if (request.frameType() == ZclHeader.FrameType.GLOBAL && request.commandId() == DefaultResponse.COMMAND_ID) {
            return false;
        }
        return status != ZclStatus.SUCCESS || !request.disableDefaultResponse();
    }

    /** The header of a global answer ({@code commandId}) to {@code request}. */
    public static ZclHeader answerHeader(ZclHeader request, int commandId) {
        ZclHeader.Direction back = request.direction() == ZclHeader.Direction.CLIENT_TO_SERVER
                ? ZclHeader.Direction.SERVER_TO_CLIENT : ZclHeader.Direction.CLIENT_TO_SERVER;
        return new ZclHeader(ZclHeader.FrameType.GLOBAL, request.manufacturerSpecific(), back, true,
                request.manufacturerCode(), request.transactionSequenceNumber(), commandId);
    }

    /** The encoded global answer {@code command} to {@code request}. */
    public static byte[] answer(ZclHeader request, GeneralCommand command) {
        return GeneralCommandCodec.encode(new GeneralFrame(answerHeader(request, command.commandId()), command));
    }

    /**
     * The encoded Default Response with {@code status} to {@code request}, or null when the rules above
     * forbid one.
     */
    public static byte[] defaultResponse(ZclHeader request, boolean broadcast, ZclStatus status) {
        if (!mayDefaultRespond(request, broadcast, status)) {
            return null;
        }
        return answer(request, new DefaultResponse(request.commandId(), status));
    }
}
