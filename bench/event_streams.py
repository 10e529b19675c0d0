#!/usr/bin/env python3
"""Opens STREAMS event streams (GET /api/v1/events) to HOST:PORT with TOKEN and holds them for
SECONDS, counting the complaint.created events each receives. Prints, once all are open, a line
"open N", and at the end "streams N events_min A events_max B" (every stream should see every
complaint filed meanwhile). Usage: event_streams.py HOST PORT TOKEN STREAMS SECONDS"""
import asyncio
import sys

HOST, PORT, TOKEN, STREAMS, SECONDS = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), float(sys.argv[5])
REQUEST = ("GET /api/v1/events?types=complaint.created HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
           + TOKEN + "\r\n\r\n").encode()
counts = []


async def stream(index, opened):
    reader, writer = await asyncio.open_connection(HOST, PORT)
    writer.write(REQUEST)
    await writer.drain()
    head = await reader.readuntil(b"retry: 3000")
    if b"200 OK" not in head:
        raise SystemExit("stream refused: " + head.decode(errors="replace"))
    opened.release()
    seen = 0
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SECONDS
    try:
        while loop.time() < deadline:
            chunk = await asyncio.wait_for(reader.read(65536), timeout=max(0.01, deadline - loop.time()))
            if not chunk:
                break
            seen += chunk.count(b"event: complaint.created")
    except asyncio.TimeoutError:
        pass
    counts.append(seen)
    writer.close()


async def main():
    opened = asyncio.Semaphore(0)
    tasks = []
    for i in range(STREAMS):
        tasks.append(asyncio.create_task(stream(i, opened)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)
    for _ in range(STREAMS):
        await opened.acquire()
    print("open", STREAMS, flush=True)
    await asyncio.gather(*tasks)
    print("streams", len(counts), "events_min", min(counts), "events_max", max(counts), flush=True)


asyncio.run(main())
