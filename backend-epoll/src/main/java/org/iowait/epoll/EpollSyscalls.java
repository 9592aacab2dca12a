package org.iowait.epoll;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import org.iowait.posix.NativeLayout;

/**
 * epoll's three system calls and {@code struct epoll_event}: the only native code of this backend.
 *
 * <p>{@code struct epoll_event { uint32_t events; epoll_data_t data; }} is declared {@code __attribute__((packed))}
 * on x86 only, so it is 12 bytes with {@code data} at offset 4 on x86_64 and i386, and 16 bytes with {@code data} at
 * offset 8 on aarch64, armhf, riscv64, ppc64 and s390x. The layout and the pointer width come from
 * {@link NativeLayout}; pointers are bound as {@code int} in a separate class on ILP32, chosen once.
 */
final class EpollSyscalls {
    static final int EPOLLIN = 0x001;
    static final int EPOLLPRI = 0x002;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    static final int EPOLLRDHUP = 0x2000;
    static final int EPOLLONESHOT = 1 << 30;
    static final int EPOLLET = 1 << 31;

    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    /** O_CLOEXEC's value on the architectures the layout table knows. */
    static final int EPOLL_CLOEXEC = 0x80000;

    private static final NativeLayout LAYOUT = NativeLayout.host();
    /** sizeof(struct epoll_event) on this architecture. */
    static final int EVENT_SIZE = LAYOUT.epollEventSize();
    /** offsetof(struct epoll_event, data). */
    static final int DATA_OFFSET = LAYOUT.epollDataOffset();
    private static final boolean ILP32 = LAYOUT.isIlp32();

    static {
        NativeLibrary libc = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME);
        Native.register(EpollSyscalls.class, libc);
        Native.register(ILP32 ? Ilp32.class : Lp64.class, libc);
    }

    private EpollSyscalls() {
    }

    static native int epoll_create1(int flags);

    /** @return what epoll_ctl(2) returned; {@code event} is the address of one struct epoll_event */
    static int epoll_ctl(int epfd, int op, int fd, long event) {
        return ILP32 ? Ilp32.epoll_ctl(epfd, op, fd, (int) event) : Lp64.epoll_ctl(epfd, op, fd, event);
    }

    /** @return what epoll_wait(2) returned; {@code events} is the address of the result array */
    static int epoll_wait(int epfd, long events, int maxevents, int timeout) {
        return ILP32 ? Ilp32.epoll_wait(epfd, (int) events, maxevents, timeout)
                : Lp64.epoll_wait(epfd, events, maxevents, timeout);
    }

    private static final class Lp64 {
        static native int epoll_ctl(int epfd, int op, int fd, long event);

        static native int epoll_wait(int epfd, long events, int maxevents, int timeout);
    }

    private static final class Ilp32 {
        static native int epoll_ctl(int epfd, int op, int fd, int event);

        static native int epoll_wait(int epfd, int events, int maxevents, int timeout);
    }

    static String opName(int op) {
        return switch (op) {
            case EPOLL_CTL_ADD -> "ADD";
            case EPOLL_CTL_DEL -> "DEL";
            case EPOLL_CTL_MOD -> "MOD";
            default -> String.valueOf(op);
        };
    }

    /** A native array of {@code struct epoll_event} read through a native-order view: no Structure per event. */
    static final class EventArray implements AutoCloseable {
        private final Memory memory;
        private final ByteBuffer view;
        private final long address;
        private final int capacity;

        EventArray(int capacity) {
            this.capacity = capacity;
            this.memory = new Memory((long) capacity * EVENT_SIZE);
            this.view = memory.getByteBuffer(0, memory.size()).order(ByteOrder.nativeOrder());
            this.address = Pointer.nativeValue(memory);
        }

        int capacity() {
            return capacity;
        }

        long address() {
            return address;
        }

        int events(int index) {
            return view.getInt(index * EVENT_SIZE);
        }

        /** The fd kept in {@code data}; stored as the whole 64-bit value so the byte order does not matter. */
        int fd(int index) {
            return (int) view.getLong(index * EVENT_SIZE + DATA_OFFSET);
        }

        void set(int index, int events, int fd) {
            view.putInt(index * EVENT_SIZE, events);
            view.putLong(index * EVENT_SIZE + DATA_OFFSET, fd);
        }

        @Override
        public void close() {
            memory.close();
        }
    }
}
