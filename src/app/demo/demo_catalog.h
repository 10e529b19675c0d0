// Static material for the demo organisation: a pet-supplies chain (regions, cities, products)
// and complaint text templates per intended type and category.
#pragma once

#include <string>
#include <vector>

namespace closeloop::app::demo {

struct RegionSeed {
  const char* code;
  const char* name;
};

struct CitySeed {
  const char* name;
  const char* province;
  const char* region_code;
  const char* store_prefix;
};

struct ProductSeed {
  const char* sku;
  const char* name;
  const char* product_line;
  bool edible;  // food and treats (vs. devices and accessories)
};

// A complaint text pattern. Slots: {product} {store} {city} {days} {order} {pet} {defect}
// {fault} {symptom} {service} {remedy}.
struct TextTemplate {
  const char* type;      // intended type (wire name)
  const char* category;  // intended category
  const char* remedy;    // remedy wire name, or "" for none
  bool needs_edible;     // template only fits food products
  bool needs_device;     // template only fits devices
  const char* title;
  const char* text;
};

const std::vector<RegionSeed>& Regions();
const std::vector<CitySeed>& Cities();
const std::vector<ProductSeed>& Products();
const std::vector<TextTemplate>& Templates();

// Slot fillers.
const std::vector<std::string>& Defects();
const std::vector<std::string>& Faults();
const std::vector<std::string>& Symptoms();
const std::vector<std::string>& BadService();
const std::vector<std::string>& Pets();
const std::vector<std::string>& Intensifiers();
const std::vector<std::string>& Surnames();
const std::vector<std::string>& GivenNames();

}  // namespace closeloop::app::demo
