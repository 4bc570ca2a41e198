/**
 * The Prepayment cluster 0x0705 (SE 1.4 Annex D.7) top-up and debt-repayment logs: the
 * manufacturer extras of requirements R56.4 that a Change of Tenancy should clear. Commands are
 * records under the sealed {@link io.hansim.zigbee.prepayment.PrepaymentCommand}, framed by
 * {@link io.hansim.zigbee.prepayment.PrepaymentFrame} and coded strictly by
 * {@link io.hansim.zigbee.prepayment.PrepaymentCodec}.
 *
 * <p>To add a command: its record, its row in
 * {@link io.hansim.zigbee.prepayment.PrepaymentCommandType}, one reader and one writer in the codec,
 * then example and fuzz tests.
 */
package io.hansim.zigbee.prepayment;
