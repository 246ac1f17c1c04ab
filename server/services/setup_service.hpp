#pragma once
// Set-up of hubs, rooms, staff (with weekly hours and leave), services, group sessions
// and kiosks, for managers and admins. (Being written: see routes_setup.cpp.)

#include "server/services/context.hpp"

namespace frontdoor::server {

class SetupService {
  public:
    explicit SetupService(const ServiceContext& ctx) : ctx_(ctx) {}

  private:
    const ServiceContext& ctx_;
};

} // namespace frontdoor::server
