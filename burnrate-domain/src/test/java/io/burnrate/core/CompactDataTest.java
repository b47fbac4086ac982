package io.burnrate.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Variable-length numbers: every value comes back exact, small ones take few bytes, a cut record is an error. */
class CompactDataTest {

  @Property(tries = 500)
  void everyValueComesBackExactly(@ForAll long l, @ForAll int i, @ForAll double d, @ForAll String s,
      @ForAll boolean b, @ForAll byte y) throws IOException {
    CompactDataOutput out = new CompactDataOutput(16);
    out.writeLong(l);
    out.writeInt(i);
    out.writeDouble(d);
    out.writeUTF(s);
    out.writeBoolean(b);
    out.writeByte(y);

    CompactDataInput in = new CompactDataInput(out.toByteArray(), 0);

    assertThat(in.readLong()).isEqualTo(l);
    assertThat(in.readInt()).isEqualTo(i);
    assertThat(Double.doubleToRawLongBits(in.readDouble())).isEqualTo(Double.doubleToRawLongBits(d));
    assertThat(in.readUTF()).isEqualTo(s);
    assertThat(in.readBoolean()).isEqualTo(b);
    assertThat(in.readByte()).isEqualTo(y);
    assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
  }

  @Test
  void smallNumbersOfEitherSignTakeOneByteAndTheExtremesTen() {
    assertThat(bytesFor(0)).isEqualTo(1);
    assertThat(bytesFor(-1)).isEqualTo(1);
    assertThat(bytesFor(63)).isEqualTo(1);
    assertThat(bytesFor(64)).isEqualTo(2);
    assertThat(bytesFor(1_767_225_600_000L)).isEqualTo(6); // a 2026 timestamp in milliseconds
    assertThat(bytesFor(Long.MIN_VALUE)).isEqualTo(10);
    assertThat(bytesFor(Long.MAX_VALUE)).isEqualTo(10);
  }

  @Test
  void aRecordCutShortIsAnErrorNotAWrongValue() {
    CompactDataOutput out = new CompactDataOutput(16);
    out.writeLong(Long.MAX_VALUE);
    out.writeUTF("ep-00001");
    byte[] bytes = out.toByteArray();

    assertThatThrownBy(() -> new CompactDataInput(Arrays.copyOf(bytes, 5), 0).readLong())
        .isInstanceOf(EOFException.class);
    CompactDataInput cutString = new CompactDataInput(Arrays.copyOf(bytes, bytes.length - 1), 0);
    assertThatThrownBy(() -> {
      cutString.readLong();
      cutString.readUTF();
    }).isInstanceOf(EOFException.class);
  }

  @Test
  void anIntFieldHoldingALongIsCorruptState() {
    CompactDataOutput out = new CompactDataOutput(16);
    out.writeLong(1L << 40);

    assertThatThrownBy(() -> new CompactDataInput(out.toByteArray(), 0).readInt())
        .isInstanceOf(IOException.class).hasMessageContaining("out of range");
  }

  @Test
  void aResetBufferIsReusedFromTheStart() {
    CompactDataOutput out = new CompactDataOutput(16);
    out.writeUTF("a long enough string to grow the buffer past its first sixteen bytes");
    out.reset().writeLong(5);

    assertThat(out.toByteArray()).containsExactly(10);
  }

  private static int bytesFor(long value) {
    CompactDataOutput out = new CompactDataOutput(16);
    out.writeLong(value);
    return out.size();
  }
}
