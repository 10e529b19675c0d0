// The only file that includes Boost.Beast and Asio (they take ~12 s to compile): connections as
// coroutines over a multi-threaded io_context, each on its own strand.
// clang-format off
#include <utility>  // first: Asio 1.74's awaitable.hpp uses std::exchange without including it
// clang-format on

#include "http/api_server.h"

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <chrono>
#include <cstdio>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/api_routes.h"

namespace closeloop::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using std::chrono::seconds;

// The request head as the routes see it: method, decoded path, query parameters and headers.
Request HeadOf(const bhttp::request_parser<bhttp::string_body>& parser, const std::string& peer) {
  const auto& message = parser.get();
  Request request;
  request.method = std::string(message.method_string());
  const std::string target(message.target());
  const size_t query = target.find('?');
  request.path = DecodeUrl(target.substr(0, query), false);
  if (query != std::string::npos) request.params = ParseQuery(target.substr(query + 1));
  for (const auto& field : message) {
    request.headers.emplace(std::string(field.name_string()), std::string(field.value()));
  }
  request.remote_addr = peer;
  return request;
}

bhttp::response<bhttp::string_body> ToBeast(Response&& response, unsigned version,
                                            bool keep_alive) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
  for (auto& [name, value] : response.headers) out.insert(name, value);
  out.body() = std::move(response.body);
  out.keep_alive(keep_alive);
  out.prepare_payload();
  return out;
}

}  // namespace

struct ApiServer::Impl {
  Impl(const domain::Context& ctx, ServerOptions opts)
      : options(opts),
        routes(ctx, opts),
        acceptor(Loop(0)),
        metrics_acceptor(Loop(0)),
        handlers(2) {
    if (!options.tls_cert_file.empty() || !options.tls_key_file.empty()) {
      tls.emplace(asio::ssl::context::tls_server);
      tls->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                       asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                       asio::ssl::context::no_tlsv1_1 | asio::ssl::context::no_tlsv1_2 |
                       asio::ssl::context::single_dh_use);
      tls->use_certificate_chain_file(options.tls_cert_file);
      tls->use_private_key_file(options.tls_key_file, asio::ssl::context::pem);
    }
  }

  // One connection's state that Stop() may touch, always on the connection's strand.
  // What wakes a streaming response: a wake may come while the stream is writing, so it is
  // remembered (`woken`) as well as cancelling the wait.
  struct StreamWake {
    explicit StreamWake(const asio::any_io_executor& executor) : timer(executor) {}
    asio::steady_timer timer;
    bool woken = false;
    bool hung_up = false;  // the client closed (or sent something: a stream takes no input)
  };
  struct Connection {
    tcp::socket* socket = nullptr;       // null once the coroutine has let go of it
    bool busy = false;                   // between a request's first byte and its response
    std::shared_ptr<StreamWake> stream;  // set while it streams a response
  };

  // The event loops: one io_context per thread, each serving the connections given to it in
  // turn, handlers inline. One shared io_context run by 24 threads measured 4x slower on 2 cores
  // (its threads contend for one reactor), and handing every handler to a pool cost 30 % of the
  // get rate in thread wake-ups; a loop per thread costs neither.
  asio::io_context& Loop(std::size_t i) {
    if (loops.empty()) {
      const int n = options.threads < 1 ? 1 : options.threads;
      for (int k = 0; k < n; ++k) {
        loops.push_back(std::make_unique<asio::io_context>(1));
        keep_running.emplace_back(asio::make_work_guard(*loops.back()));
      }
    }
    return *loops[i % loops.size()];
  }
  // Long requests (file uploads) run on a small pool of their own, so that their loop's other
  // connections are not held up for seconds; the connection's coroutine resumes on its loop.
  asio::awaitable<Response> HandleApart(Request& request) {
    return asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
        [this, &request](auto handler) {
          asio::post(handlers, [this, &request, handler = std::move(handler)]() mutable {
            Response response = routes.Handle(request);
            auto executor = asio::get_associated_executor(handler);
            asio::dispatch(
                executor, [handler = std::move(handler), response = std::move(response)]() mutable {
                  handler(std::move(response));
                });
          });
        },
        asio::use_awaitable);
  }
  asio::awaitable<void> Accept(tcp::acceptor& from, bool metrics_only);
  template <typename Stream>
  asio::awaitable<void> Serve(Stream& stream, std::string peer, std::shared_ptr<Connection> me,
                              bool metrics_only);
  template <typename Stream>
  asio::awaitable<void> Connect(tcp::socket socket, bool metrics_only);
  template <typename Stream>
  asio::awaitable<void> StreamOut(Stream& stream, Response response, unsigned version,
                                  Connection& me);
  void Register(const std::shared_ptr<Connection>& c);
  void Unregister(const Connection* c);

  ServerOptions options;
  ApiRoutes routes;
  std::vector<std::unique_ptr<asio::io_context>> loops;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> keep_running;
  std::atomic<std::size_t> next_loop{0};
  tcp::acceptor acceptor;
  tcp::acceptor metrics_acceptor;  // open with --metrics-listen
  asio::thread_pool handlers;      // long requests (uploads)
  std::optional<asio::ssl::context> tls;
  std::atomic<bool> stopping{false};
  mutable std::mutex connections_mutex;
  std::unordered_map<const Connection*, std::pair<std::weak_ptr<Connection>, asio::any_io_executor>>
      connections;
};

void ApiServer::Impl::Register(const std::shared_ptr<Connection>& c) {
  std::lock_guard lock(connections_mutex);
  connections.emplace(c.get(), std::pair{std::weak_ptr<Connection>(c), c->socket->get_executor()});
}

void ApiServer::Impl::Unregister(const Connection* c) {
  std::lock_guard lock(connections_mutex);
  connections.erase(c);
}

asio::awaitable<void> ApiServer::Impl::Accept(tcp::acceptor& from, bool metrics_only) {
  while (!stopping) {
    boost::system::error_code error;
    tcp::socket socket = co_await from.async_accept(
        Loop(next_loop++), asio::redirect_error(asio::use_awaitable, error));
    if (error) {
      if (stopping || error == asio::error::operation_aborted) break;
      // Out of file descriptors (or a reset before accept): wait a moment rather than spin.
      asio::steady_timer pause(Loop(0), std::chrono::milliseconds(50));
      co_await pause.async_wait(asio::redirect_error(asio::use_awaitable, error));
      continue;
    }
    socket.set_option(tcp::no_delay(true), error);  // else Nagle adds ~40 ms to responses
    const auto executor = socket.get_executor();
    if (tls && !metrics_only) {
      asio::co_spawn(executor,
                     Connect<beast::ssl_stream<beast::tcp_stream>>(std::move(socket), false),
                     asio::detached);
    } else {
      asio::co_spawn(executor, Connect<beast::tcp_stream>(std::move(socket), metrics_only),
                     asio::detached);
    }
  }
}

template <typename Stream>
asio::awaitable<void> ApiServer::Impl::Connect(tcp::socket socket, bool metrics_only) {
  boost::system::error_code error;
  const tcp::endpoint remote = socket.remote_endpoint(error);
  const std::string peer = error ? std::string() : remote.address().to_string();
  auto me = std::make_shared<Connection>();
  std::optional<Stream> stream;
  if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
    stream.emplace(std::move(socket));
  } else {
    stream.emplace(std::move(socket), *tls);
  }
  me->socket = &beast::get_lowest_layer(*stream).socket();
  Register(me);
  try {
    if constexpr (!std::is_same_v<Stream, beast::tcp_stream>) {
      beast::get_lowest_layer(*stream).expires_after(seconds(options.header_timeout_seconds));
      co_await stream->async_handshake(asio::ssl::stream_base::server,
                                       asio::redirect_error(asio::use_awaitable, error));
    }
    if (!error) co_await Serve(*stream, peer, me, metrics_only);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "connection from %s: %s\n", peer.c_str(), e.what());
  }
  Unregister(me.get());
  me->socket = nullptr;
  beast::get_lowest_layer(*stream).socket().shutdown(tcp::socket::shutdown_both, error);
  beast::get_lowest_layer(*stream).close();
}

template <typename Stream>
asio::awaitable<void> ApiServer::Impl::Serve(Stream& stream, std::string peer,
                                             std::shared_ptr<Connection> me, bool metrics_only) {
  auto& tcp_layer = beast::get_lowest_layer(stream);
  beast::flat_buffer buffer;
  bool first = true;
  boost::system::error_code error;
  auto send = [&](Response&& response, unsigned version, bool keep_alive) -> asio::awaitable<bool> {
    auto out = ToBeast(std::move(response), version, keep_alive && !stopping);
    tcp_layer.expires_after(seconds(options.write_timeout_seconds));
    co_await bhttp::async_write(stream, out, asio::redirect_error(asio::use_awaitable, error));
    co_return !error && out.keep_alive();
  };
  // After refusing a body unread: keep reading (and dropping) what the client still sends for a
  // little while, so that it reads the refusal instead of a reset (nginx's lingering close).
  // Memory stays one small buffer whatever the client sends.
  auto linger = [&]() -> asio::awaitable<void> {
    constexpr std::size_t kMaxDiscard = 64 << 20;
    std::vector<char> sink(16 << 10);
    std::size_t discarded = 0;
    tcp_layer.expires_after(seconds(2));
    while (discarded < kMaxDiscard) {
      const std::size_t n = co_await stream.async_read_some(
          asio::buffer(sink), asio::redirect_error(asio::use_awaitable, error));
      if (error) break;
      discarded += n;
    }
  };
  while (!stopping) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());  // CheckHead sets it
    // The wait for a request (and its headers) is bounded: a new connection gets the header
    // timeout, a kept-alive one the keep-alive time.
    me->busy = false;
    tcp_layer.expires_after(
        seconds(first ? options.header_timeout_seconds : options.keep_alive_seconds));
    first = false;
    co_await bhttp::async_read_header(stream, buffer, parser,
                                      asio::redirect_error(asio::use_awaitable, error));
    me->busy = true;
    if (error == bhttp::error::header_limit) {
      co_await send(ErrorResponse(431, "header_too_large", "request headers exceed the limit"), 11,
                    false);
      co_return;
    }
    if (error) co_return;  // closed, timed out, garbage: nothing to answer
    const unsigned version = parser.get().version();
    if (static_cast<std::size_t>(std::distance(parser.get().begin(), parser.get().end())) >
        options.max_header_count) {
      co_await send(ErrorResponse(431, "header_too_large", "too many header fields"), version,
                    false);
      co_return;
    }
    Request request = HeadOf(parser, peer);
    std::optional<std::size_t> length;
    if (parser.content_length()) length = static_cast<std::size_t>(*parser.content_length());
    if (parser.is_done()) length = 0;  // no body at all (a GET): nothing to refuse unread
    std::size_t body_limit = 0;
    bool long_running = false;
    if (auto refused = routes.CheckHead(request, length, body_limit, long_running)) {
      if (co_await send(std::move(*refused), version, false) || !error) co_await linger();
      co_return;  // the body was not read: the connection cannot go on
    }
    if (!parser.is_done()) {
      if (beast::iequals(parser.get()[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> go_on{bhttp::status::continue_, version};
        tcp_layer.expires_after(seconds(options.write_timeout_seconds));
        co_await bhttp::async_write(stream, go_on,
                                    asio::redirect_error(asio::use_awaitable, error));
        if (error) co_return;
      }
      parser.body_limit(body_limit);
      tcp_layer.expires_after(seconds(options.body_timeout_seconds));
      co_await bhttp::async_read(stream, buffer, parser,
                                 asio::redirect_error(asio::use_awaitable, error));
      if (error == bhttp::error::body_limit) {
        co_await send(
            ErrorResponse(413, "payload_too_large",
                          "request body exceeds " + std::to_string(body_limit) + " bytes"),
            version, false);
        if (!error) co_await linger();
        co_return;
      }
      if (error) co_return;
    }
    const bool keep_alive = parser.get().keep_alive();
    request.body = std::move(parser.get().body());
    tcp_layer.expires_never();  // the handler's time is the store's, not the client's
    // (Not a conditional expression: GCC 12 miscompiles co_await inside one.)
    Response response;
    if (metrics_only) {
      response = routes.HandleMetricsListener(request);
    } else if (long_running) {
      response = co_await HandleApart(request);
    } else {
      response = routes.Handle(request);
    }
    if (response.stream) {
      co_await StreamOut(stream, std::move(response), version, *me);
      co_return;
    }
    if (!co_await send(std::move(response), version, keep_alive)) co_return;
  }
}

// A streamed response: the head, then chunks as the body gives them, until it ends, the client
// goes (a write fails or times out) or the server stops. A wait between chunks costs a timer.
template <typename Stream>
asio::awaitable<void> ApiServer::Impl::StreamOut(Stream& stream, Response response,
                                                 unsigned version, Connection& me) {
  auto& tcp_layer = beast::get_lowest_layer(stream);
  boost::system::error_code error;
  bhttp::response<bhttp::empty_body> head{static_cast<bhttp::status>(response.status), version};
  for (auto& [name, value] : response.headers) head.insert(name, value);
  head.keep_alive(false);
  head.chunked(true);
  bhttp::response_serializer<bhttp::empty_body> serializer{head};
  tcp_layer.expires_after(seconds(options.write_timeout_seconds));
  co_await bhttp::async_write_header(stream, serializer,
                                     asio::redirect_error(asio::use_awaitable, error));
  if (error) co_return;
  auto wake = std::make_shared<StreamWake>(tcp_layer.get_executor());
  me.stream = wake;
  response.stream->Start(
      [weak = std::weak_ptr<StreamWake>(wake), executor = wake->timer.get_executor()] {
        asio::post(executor, [weak] {
          if (auto w = weak.lock()) {
            w->woken = true;
            w->timer.cancel();
          }
        });
      });
  // A client that goes away is noticed at once, not at the next heartbeat's failed write: its
  // stream (and what it holds) is let go as soon as the socket turns readable.
  tcp_layer.socket().async_wait(tcp::socket::wait_read, [weak = std::weak_ptr<StreamWake>(wake)](
                                                            const boost::system::error_code&) {
    if (auto w = weak.lock()) {
      w->hung_up = true;
      w->timer.cancel();
    }
  });
  bool heartbeat = false;
  for (;;) {
    if (wake->hung_up) break;
    std::string chunk;
    const bool open = !stopping && response.stream->Pull(chunk, heartbeat);
    if (!chunk.empty()) {
      tcp_layer.expires_after(seconds(options.write_timeout_seconds));
      co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(chunk)),
                                 asio::redirect_error(asio::use_awaitable, error));
      if (error) break;
    }
    if (!open) {
      tcp_layer.expires_after(seconds(options.write_timeout_seconds));
      co_await asio::async_write(stream, bhttp::make_chunk_last(),
                                 asio::redirect_error(asio::use_awaitable, error));
      break;
    }
    tcp_layer.expires_never();
    heartbeat = false;
    if (wake->woken) {
      wake->woken = false;
      continue;
    }
    wake->timer.expires_after(seconds(options.stream_heartbeat_seconds));
    co_await wake->timer.async_wait(asio::redirect_error(asio::use_awaitable, error));
    heartbeat = !error && !wake->woken;
    wake->woken = false;
  }
  me.stream.reset();
}

ApiServer::ApiServer(const domain::Context& ctx, ServerOptions options)
    : impl_(std::make_unique<Impl>(ctx, options)) {
  impl_->routes.CountConnectionsWith([this] { return OpenConnections(); });
}

ApiServer::~ApiServer() = default;

namespace {

int Listen(tcp::acceptor& acceptor, const std::string& host, int port) {
  boost::system::error_code error;
  const auto address = asio::ip::make_address(host == "localhost" ? "127.0.0.1" : host, error);
  if (error) return -1;
  const tcp::endpoint endpoint(address, static_cast<unsigned short>(port));
  acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    acceptor.close(error);
    return -1;
  }
  return acceptor.local_endpoint().port();
}

}  // namespace

int ApiServer::Bind(const std::string& host, int port) {
  return Listen(impl_->acceptor, host, port);
}

int ApiServer::BindMetrics(const std::string& host, int port) {
  const int bound = Listen(impl_->metrics_acceptor, host, port);
  if (bound >= 0) {
    asio::co_spawn(impl_->metrics_acceptor.get_executor(),
                   impl_->Accept(impl_->metrics_acceptor, true), asio::detached);
  }
  return bound;
}

void ApiServer::Run() {
  asio::co_spawn(impl_->acceptor.get_executor(), impl_->Accept(impl_->acceptor, false),
                 asio::detached);
  std::vector<std::thread> helpers;
  for (std::size_t i = 1; i < impl_->loops.size(); ++i) {
    helpers.emplace_back([this, i] { impl_->loops[i]->run(); });
  }
  impl_->loops[0]->run();
  for (auto& t : helpers) t.join();
  impl_->handlers.join();
}

void ApiServer::Stop() {
  if (impl_->stopping.exchange(true)) return;
  asio::post(impl_->acceptor.get_executor(), [this] {
    boost::system::error_code ignored;
    impl_->acceptor.close(ignored);
    impl_->metrics_acceptor.close(ignored);
    // Each loop's run() returns once its last connection has finished.
    impl_->keep_running.clear();
  });
  // Idle connections (waiting for a request) close now; busy ones after their response.
  std::lock_guard lock(impl_->connections_mutex);
  for (auto& [key, entry] : impl_->connections) {
    asio::post(entry.second, [weak = entry.first] {
      auto c = weak.lock();
      if (c && c->stream) {  // a stream ends now (its loop sees `stopping`)
        c->stream->woken = true;
        c->stream->timer.cancel();
        return;
      }
      if (!c || !c->socket || c->busy) return;
      boost::system::error_code ignored;
      c->socket->cancel(ignored);
    });
  }
}

std::size_t ApiServer::OpenConnections() const {
  std::lock_guard lock(impl_->connections_mutex);
  return impl_->connections.size();
}

}  // namespace closeloop::http
