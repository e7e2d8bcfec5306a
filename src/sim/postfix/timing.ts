/**
 * How long things take inside a simulated Postfix, in virtual milliseconds. Real figures on a
 * small server are a few milliseconds each; these keep the order of events Postfix shows in its
 * log (qmgr usually picks a message up before the client's QUIT arrives; delivery comes after).
 */
export const TIMING = {
  /** cleanup writing the queue file at the end of DATA. */
  cleanupMs: 0.3,
  /** qmgr noticing a new file in incoming. */
  qmgrPickupMs: 0.1,
  /** qmgr handing a recipient to a delivery agent. */
  qmgrDispatchMs: 0.5,
  /** local writing a message into a mailbox. */
  localDeliveryMs: 3,
  /** local waiting for cleanup to accept a forwarded message. */
  forwardAckMs: 0.5,
  /** The smtp client finding where to connect (MX and address lookups) before its first packet. */
  smtpLookupMs: 4,
  /** A delivery agent reporting back to qmgr. */
  agentReportMs: 0.2,
  /** The bounce daemon building a non-delivery notification. */
  bounceMs: 1,
  /** pickup noticing a file in maildrop (sendmail from the shell). */
  pickupMs: 5,
} as const;
