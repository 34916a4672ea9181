/* ProcessPrng for Debian's wine 8.0, which lacks bcryptprimitives.dll: Rust's std on Windows asks
 * it for random bytes at start-up (HashMap keys), so no Rust program starts without it there.
 * Filled through RtlGenRandom (advapi32's SystemFunction036). Built by scripts/wine/setup.sh and
 * placed beside each executable that runs under wine; never shipped. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
