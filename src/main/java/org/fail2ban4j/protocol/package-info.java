/**
 * The client-server wire format and typed control commands.
 *
 * <p>Allowed dependencies: none.
 *
 * <p>A request travels as a pickle ({@link org.fail2ban4j.protocol.PickleCodec}) framed by
 * {@code <F2B_END_COMMAND>} ({@link org.fail2ban4j.protocol.Frame}, {@link org.fail2ban4j.protocol.FrameDecoder});
 * the server parses it once into a {@link org.fail2ban4j.protocol.ControlCommand}
 * ({@link org.fail2ban4j.protocol.ControlCommandParser}) and answers with a
 * {@link org.fail2ban4j.protocol.ControlReply}. Decoded values use a small model of Python's plain types
 * ({@link org.fail2ban4j.protocol.PyTuple}, {@link org.fail2ban4j.protocol.PyException}, lists, maps, sets, longs,
 * doubles, strings; Python's {@code None} is {@code null} at this edge only), printed the Python way by
 * {@link org.fail2ban4j.protocol.PyText}. {@link org.fail2ban4j.protocol.CommandHelp} is the command list of
 * {@code fail2ban-client -h}.
 */
package org.fail2ban4j.protocol;
