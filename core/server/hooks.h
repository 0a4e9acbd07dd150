#pragma once
// Registries the subsystems fill instead of if-chains in app/server.cpp:
//  - CronDuties: what the server cron does each tick, run in registration order;
//  - ConfigHooks: per-option checks (before CONFIG SET commits) and apply hooks
//    (after it committed), registered next to the subsystem that owns the option.
// Strand-only, like the rest of ServerContext.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ironkv::server {

struct Config;

class CronDuties {
 public:
  using Duty = std::function<void()>;

  void add(std::string name, Duty duty) { duties_.push_back({std::move(name), std::move(duty)}); }
  void run() const {
    for (const auto& d : duties_) d.run();
  }
  std::vector<std::string_view> names() const {
    std::vector<std::string_view> out;
    for (const auto& d : duties_) out.push_back(d.name);
    return out;
  }

 private:
  struct Entry {
    std::string name;
    Duty run;
  };
  std::vector<Entry> duties_;
};

class ConfigHooks {
 public:
  // Runs after CONFIG SET committed the option's new value.
  using Apply = std::function<void()>;
  // Runs before CONFIG SET commits, with the candidate configuration; an error
  // refuses the whole command.
  using Check = std::function<std::optional<std::string>(const Config& next)>;

  void on_apply(std::string_view option, Apply fn) {
    apply_.emplace(std::string(option), std::move(fn));
  }
  void on_check(std::string_view option, Check fn) {
    check_.emplace(std::string(option), std::move(fn));
  }
  // Several options may share one hook: register it under each name.
  void on_apply(std::initializer_list<std::string_view> options, const Apply& fn) {
    for (auto o : options) on_apply(o, fn);
  }

  void apply(std::string_view option) const {
    auto [lo, hi] = apply_.equal_range(option);
    for (auto it = lo; it != hi; ++it) it->second();
  }
  std::optional<std::string> check(const Config& next, std::string_view option) const {
    auto [lo, hi] = check_.equal_range(option);
    for (auto it = lo; it != hi; ++it) {
      if (auto e = it->second(next)) return e;
    }
    return std::nullopt;
  }
  bool has_apply(std::string_view option) const { return apply_.find(option) != apply_.end(); }

 private:
  std::multimap<std::string, Apply, std::less<>> apply_;
  std::multimap<std::string, Check, std::less<>> check_;
};

}  // namespace ironkv::server
