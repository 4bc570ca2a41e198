/**
 * The Messaging cluster 0x0703 (SE 1.4 Annex D.5): supplier messages shown on IHDs and PPMIDs,
 * which a Change of Tenancy clears (requirements R56.3). Commands are records under the sealed
 * {@link io.hansim.zigbee.messaging.MessagingCommand}, framed by
 * {@link io.hansim.zigbee.messaging.MessagingFrame} and coded strictly by
 * {@link io.hansim.zigbee.messaging.MessagingCodec}. Get Last Message with nothing to show is answered
 * by a Default Response NOT_FOUND ({@link io.hansim.zigbee.messaging.MessagingCodec#noMessageResponse(int)}).
 *
 * <p>To add a command: its record, its row in
 * {@link io.hansim.zigbee.messaging.MessagingCommandType}, one reader and one writer in the codec,
 * then example and fuzz tests.
 */
package io.hansim.zigbee.messaging;
